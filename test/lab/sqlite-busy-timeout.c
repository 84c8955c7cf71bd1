/*
 * Kamailio's db_sqlite module opens its databases without a busy timeout, so two
 * Kamailio processes writing at once make one fail with "database is locked"
 * (docs/lab.md, quirks). Preloaded into Kamailio by test/lab/lib.sh, this wraps
 * sqlite3_open_v2 to give every connection a busy timeout: SQLite then waits for
 * the lock instead of failing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>

typedef struct sqlite3 sqlite3;
typedef int (*open_v2_fn)(const char *, sqlite3 **, int, const char *);
int sqlite3_busy_timeout(sqlite3 *, int);

#define BUSY_TIMEOUT_MS 2000

int sqlite3_open_v2(const char *filename, sqlite3 **db, int flags, const char *vfs) {
  static open_v2_fn real_open;
  if (!real_open) real_open = (open_v2_fn)dlsym(RTLD_NEXT, "sqlite3_open_v2");
  int rc = real_open(filename, db, flags, vfs);
  if (rc == 0 && db && *db) sqlite3_busy_timeout(*db, BUSY_TIMEOUT_MS);
  return rc;
}
