"""Mail: texts, and the transactional outbox that sends them after commit."""
