"""The client deck's writer: lays assembled results out on PowerPoint slides (python-pptx).

It never queries the database or computes a figure: it receives a
:class:`~surveyor.deck.content.DeckContent` and writes slides with native, editable
charts. :func:`surveyor.deck.writer.write_deck` is the entry point;
:func:`surveyor.services.reports.decks.build_deck` assembles the content and calls it.
"""
