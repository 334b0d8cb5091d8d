//! The folder an index lives in, as tantivy sees it: tantivy's own memory-mapped directory,
//! readable where nothing can be written.
//!
//! tantivy takes a lock file (`.tantivy-meta.lock`) while a reader opens the segments of a
//! commit, so that a writer's clean-up does not delete them half-way. On a read-only mount (an
//! archived or shared index) or a folder the user may not write, that lock file cannot be made,
//! and neither can any writer: nothing can delete the segments, and the lock guards nothing.
//! There the reader goes ahead without it. The writer's own lock is never waived.

use std::path::Path;
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr, META_LOCK,
};

/// A memory-mapped index folder whose readers need no lock file where none can be written.
#[derive(Clone, Debug)]
pub(super) struct IndexDirectory(MmapDirectory);

impl IndexDirectory {
    pub(super) fn open(dir: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory(MmapDirectory::open(dir)?))
    }
}

/// Whether an I/O error says that nothing can be written here.
pub(super) fn cannot_write(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
    )
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(LockError::IoError(e))
                if lock.filepath == META_LOCK.filepath && cannot_write(&e) =>
            {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
