#ifndef CSQLITE_SHIM_H
#define CSQLITE_SHIM_H
#include <sqlite3.h>
#include <time.h>

/// SQLITE_TRANSIENT is a macro with a cast Swift cannot import.
static inline sqlite3_destructor_type csqlite_transient(void) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic, which Swift cannot call. Memory statistics take a global mutex on
/// every allocation on every thread; the hub does not read them. SQLITE_MISUSE when SQLite was
/// initialised already (the statistics then simply stay on).
static inline int csqlite_disable_memory_statistics(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }

/// The metric sandbox's progress handler: interrupts the statement (returns 1) once the coarse
/// monotonic clock passes `*deadline` (seconds). In C so that the check, made every few hundred VM
/// steps, costs nanoseconds even in a debug build.
static int csqlite_past_deadline(void *deadline) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9 > *(const double *)deadline;
}

/// Installs `csqlite_past_deadline` on `db`, checked every `steps` VM steps.
static inline void csqlite_stop_at_deadline(sqlite3 *db, int steps, double *deadline) {
    sqlite3_progress_handler(db, steps, csqlite_past_deadline, deadline);
}

/// Now on the clock `csqlite_past_deadline` reads.
static inline double csqlite_monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC_COARSE, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}
#endif
