"""Photos that shoppers take as evidence: verified, re-encoded, stored privately, served carefully.

An upload is only trusted after Pillow has decoded it completely: the declared type and file name
mean nothing. Limits come before decoding (bytes) and before loading pixels (dimensions, with
Pillow's decompression-bomb guard turned into an error), so a small file that unpacks into
gigabytes is refused cheaply. The stored file is a fresh encoding of the pixels with the camera's
orientation applied, so EXIF (GPS position, device serial numbers) and any payload appended to
the original never reach a reviewer. Files live in the instance folder, outside ``static``, and
are only sent through :func:`photo_for_viewer`'s permission check.

Photos follow their shop: the shop lists the upload ids of each photo item, then every photo is
sent on its own with that id, so a retried upload is stored once and a bad connection only has
to repeat one photo, not the whole shop.
"""

from __future__ import annotations

import io
import os
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from flask import current_app
from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from surveyor import storage
from surveyor.extensions import db
from surveyor.models import (
    Answer,
    Assignment,
    Item,
    Photo,
    Response,
    User,
)
from surveyor.models.base import MAX_ID
from surveyor.permissions import Action
from surveyor.services import tenancy
from surveyor.services.shops.shop_answers import UPLOAD_ID
from surveyor.services.surveys.submissions import SubmissionConflict, SubmissionRejected

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_PIXELS = 40_000_000
MAX_STORED_EDGE = 2560
FORMATS = {
    "JPEG": ("image/jpeg", "jpg"),
    "PNG": ("image/png", "png"),
    "WEBP": ("image/webp", "webp"),
}
# WebP "method" 2 of 0-6 encodes a 12 MP photo about twice as fast as the default 4 at the same
# size (benchmarks/shop_photos.py); evidence photos do not need the last percent of compression.
SAVE_OPTIONS = {
    "JPEG": {"quality": 85},
    "WEBP": {"quality": 85, "method": 2},
    "PNG": {},
}
Image.MAX_IMAGE_PIXELS = MAX_PHOTO_PIXELS


class PhotoRejected(SubmissionRejected):
    """The file is not an acceptable photo; the message says why (answered 422 or 413)."""

    status = 422


class PhotoTooLarge(PhotoRejected):
    status = 413


@dataclass(frozen=True)
class CleanImage:
    data: bytes
    mime: str
    extension: str
    width: int
    height: int


def storage_root() -> Path:
    """Where photo files live: ``PHOTO_STORAGE_PATH`` or ``photos`` in the data folder."""
    return storage.folder(current_app, "photos")


def clean_image(stream: IO[bytes]) -> CleanImage:
    """Decode, check and re-encode an uploaded image, or raise PhotoRejected."""
    raw = stream.read(MAX_PHOTO_BYTES + 1)
    if len(raw) > MAX_PHOTO_BYTES:
        raise PhotoTooLarge(f"The photo is larger than {MAX_PHOTO_BYTES // (1024 * 1024)} MB.")
    if not raw:
        raise PhotoRejected("The photo is empty.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            return _reencode(raw)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoTooLarge("The photo has too many pixels.") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoRejected("The file is not a JPEG, PNG or WebP image.") from None


def _reencode(raw: bytes) -> CleanImage:
    with Image.open(io.BytesIO(raw)) as probe:
        if probe.format not in FORMATS:
            raise PhotoRejected("Only JPEG, PNG and WebP photos are accepted.")
        if probe.width * probe.height > MAX_PHOTO_PIXELS:
            raise PhotoTooLarge("The photo has too many pixels.")
        probe.verify()
    with Image.open(io.BytesIO(raw)) as image:
        image_format = image.format
        image.thumbnail((MAX_STORED_EDGE, MAX_STORED_EDGE))
        upright = ImageOps.exif_transpose(image)
    pixels = _browser_mode(upright, image_format)
    out = io.BytesIO()
    pixels.save(out, format=image_format, **SAVE_OPTIONS[image_format])
    mime, extension = FORMATS[image_format]
    return CleanImage(out.getvalue(), mime, extension, pixels.width, pixels.height)


def _browser_mode(image: Image.Image, image_format: str) -> Image.Image:
    """A copy of the pixels only (no EXIF, text chunks or ICC), in a mode the format can save."""
    mode = image.mode
    if image_format == "JPEG" and mode not in ("L", "RGB"):
        mode = "RGB"
    elif mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        mode = "RGBA" if "A" in image.getbands() else "RGB"
    pixels = Image.new(mode, image.size)
    pixels.paste(image if image.mode == mode else image.convert(mode))
    if mode == "P":
        pixels.putpalette(image.getpalette() or [])
    return pixels


def store_photo(
    assignment: Assignment, submission_id: str, item_key: str, upload_id: str, stream: IO[bytes]
) -> tuple[Photo, bool]:
    """Store one photo of the assignment's current shop; returns (photo, was_duplicate)."""
    if not isinstance(upload_id, str) or not UPLOAD_ID.match(upload_id):
        raise SubmissionRejected("The upload id is missing or malformed.")
    response = _current_response(assignment, submission_id)
    item = _photo_item(response, item_key, upload_id)
    earlier = db.session.scalar(select(Photo).where(Photo.upload_id == upload_id))
    if earlier is not None:
        return _same_upload(earlier, response, item), True
    if assignment.status == "approved":  # review is over: what the client reads stays as approved
        raise SubmissionConflict("This shop has been approved already and cannot be changed.")
    clean = clean_image(stream)
    key = f"{response.id}/{uuid.uuid4().hex}.{clean.extension}"
    path = storage_root() / key
    _write(path, clean.data)
    photo = Photo(
        response_id=response.id,
        item_id=item.id,
        upload_id=upload_id,
        storage_key=key,
        mime=clean.mime,
        width=clean.width,
        height=clean.height,
        bytes=len(clean.data),
    )
    db.session.add(photo)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        path.unlink(missing_ok=True)
        earlier = db.session.scalar(select(Photo).where(Photo.upload_id == upload_id))
        if earlier is None:
            raise
        return _same_upload(earlier, response, item), True
    return photo, False


def _current_response(assignment: Assignment, submission_id: str) -> Response:
    response = db.session.scalar(select(Response).where(Response.submission_id == submission_id))
    if response is None or assignment.response_id != response.id:
        raise SubmissionConflict("This photo belongs to a shop that is not (or no longer) stored.")
    return response


def _photo_item(response: Response, item_key: str, upload_id: str) -> Item:
    row = db.session.execute(
        select(Item, Answer.text)
        .join(Answer, (Answer.item_id == Item.id) & (Answer.response_id == response.id))
        .where(Item.version_id == response.version_id, Item.key == item_key)
    ).first()
    if row is None or row.Item.item_type != "photo":
        raise SubmissionRejected("This photo does not answer a photo item of the shop.")
    if upload_id not in (row.text or "").split(","):
        raise SubmissionRejected("The shop does not list this photo.")
    return row.Item


def _same_upload(earlier: Photo, response: Response, item: Item) -> Photo:
    if earlier.response_id != response.id or earlier.item_id != item.id:
        raise SubmissionConflict("A different photo with this upload id was stored already.")
    return earlier


def remove_files(storage_keys: list[str]) -> None:
    """Delete the files of photo rows that were deleted (after that commit, never before)."""
    root = storage_root()
    for key in storage_keys:
        (root / key).unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    """Write atomically, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".part")
    with open(partial, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def photo_for_viewer(user: User, photo_id: int) -> Photo | None:
    """The photo if ``user`` may see it: staff of the client (limited to the shops of their
    locations, if they are), or the shopper of its shop."""
    if not 0 < photo_id <= MAX_ID:
        return None
    if user.may(Action.READ_WORKSPACE):
        shops = tenancy.within_locations(
            user, select(Assignment.response_id), Assignment.location_id
        )
        reach = tenancy.scoped(user, Photo)
        if tenancy.is_location_limited(user):
            reach = reach.where(Photo.response_id.in_(shops))
    else:
        reach = tenancy.own_photos(user)
    return db.session.scalar(reach.where(Photo.id == photo_id))


def photo_path(photo: Photo) -> Path:
    return storage_root() / photo.storage_key
