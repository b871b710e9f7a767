#include <sqlite3.h>
#include <string.h>

/// The descriptor SQLite holds for the connection's main database file, or -1. SQLite has no
/// public call for it: SQLITE_FCNTL_FILE_POINTER gives the `sqlite3_file`, which for the "unix"
/// VFSes is `struct unixFile`, beginning { pMethod, pVfs, pInode, int h } since SQLite 3.7.
/// socialtime decides who owns a database on the file actually opened (fstat of this
/// descriptor), never on a second lookup of a path a colleague can re-point meanwhile.
static inline int socialtime_sqlite_main_fd(sqlite3 *db) {
    char *vfs = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_VFSNAME, &vfs) != SQLITE_OK || vfs == 0) return -1;
    int isUnix = strncmp(vfs, "unix", 4) == 0;
    sqlite3_free(vfs);
    if (!isUnix) return -1;
    sqlite3_file *file = 0;
    if (sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &file) != SQLITE_OK || file == 0 || file->pMethods == 0) return -1;
    struct socialtime_unix_file_head { const sqlite3_io_methods *pMethod; sqlite3_vfs *pVfs; void *pInode; int h; };
    return ((struct socialtime_unix_file_head *)file)->h;
}
