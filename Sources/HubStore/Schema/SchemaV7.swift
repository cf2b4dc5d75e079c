/// Schema version 7: the key check value of the hub secret the store was made with
/// (docs/hub-secret.md). One row at most; a store upgraded from an older version gets it on the next
/// command that uses the secret, once the secret has been shown to open the store's archive.
enum SchemaV7 {
    static let secretCheck = """
    CREATE TABLE hub_secret_check (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        check_value TEXT NOT NULL,           -- HMAC of a fixed label under a key derived from the secret
        recorded_at TEXT NOT NULL            -- UTC, ISO 8601
    );
    """
}
