/// Schema version 11: what `hnhub serve` keeps (docs/service.md): accounts, sign-in sessions, API
/// tokens, the audit log and upload jobs.
///
/// Secrets are never stored: a password as its bcrypt hash, a session cookie and an API token as
/// the SHA-256 of their random value (a stolen copy of the store opens no session). Users are
/// disabled, never deleted, so the audit log always names who did what.
enum SchemaV11 {
    static let serviceTables = """
    CREATE TABLE IF NOT EXISTS service_users (
        id                  INTEGER PRIMARY KEY,
        username            TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role                TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'group-viewer')),
        la_code             TEXT,              -- an analyst's LA (3-digit code)
        group_name          TEXT,              -- a group viewer's group (config groups)
        password_hash       TEXT NOT NULL,     -- bcrypt ($2b$, cost in the hash)
        disabled            INTEGER NOT NULL DEFAULT 0,
        created_at          TEXT NOT NULL,
        password_changed_at TEXT NOT NULL,
        CHECK ((role = 'analyst') = (la_code IS NOT NULL)),
        CHECK ((role = 'group-viewer') = (group_name IS NOT NULL))
    );

    CREATE TABLE IF NOT EXISTS service_sessions (
        token_hash   TEXT PRIMARY KEY,         -- SHA-256 (hex) of the cookie's value
        user_id      INTEGER NOT NULL REFERENCES service_users(id) ON DELETE CASCADE,
        csrf_token   TEXT NOT NULL,            -- sent back in every form of the session
        created_at   INTEGER NOT NULL,         -- seconds since 1970
        expires_at   INTEGER NOT NULL,
        last_seen_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS service_sessions_user ON service_sessions(user_id);

    CREATE TABLE IF NOT EXISTS service_tokens (
        id           INTEGER PRIMARY KEY,
        user_id      INTEGER NOT NULL REFERENCES service_users(id) ON DELETE CASCADE,
        label        TEXT NOT NULL,
        token_hash   TEXT NOT NULL UNIQUE,     -- SHA-256 (hex) of the token
        created_at   TEXT NOT NULL,
        revoked_at   TEXT
    );

    CREATE TABLE IF NOT EXISTS service_audit (
        id       INTEGER PRIMARY KEY,
        at       TEXT NOT NULL,                -- ISO 8601, UTC
        user_id  INTEGER,                      -- null for a failed sign-in of an unknown name
        username TEXT,
        role     TEXT,
        la_code  TEXT,
        action   TEXT NOT NULL,                -- sign-in, upload, download, view-findings, ...
        target   TEXT,                         -- what: an import, a file, a scope
        outcome  TEXT NOT NULL,                -- ok, refused, failed
        client   TEXT                          -- the peer's address, when known
    );
    CREATE INDEX IF NOT EXISTS service_audit_at ON service_audit(at);

    CREATE TABLE IF NOT EXISTS service_uploads (
        id          INTEGER PRIMARY KEY,
        user_id     INTEGER NOT NULL REFERENCES service_users(id),
        la_code     TEXT,                      -- the return's LA, read from its header
        file_name   TEXT NOT NULL,             -- as the browser named it, cleaned; never a path
        bytes       INTEGER NOT NULL,
        importer_id TEXT,
        state       TEXT NOT NULL CHECK (state IN ('queued', 'importing', 'imported', 'unchanged', 'rejected', 'failed')),
        import_id   INTEGER REFERENCES imports(id),
        message     TEXT,
        created_at  TEXT NOT NULL,
        finished_at TEXT
    );
    """
}
