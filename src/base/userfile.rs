//! Reading a file the user named or put in a folder: bounded. Only regular files are read
//! (a FIFO would block forever, a device such as `/dev/zero` never ends, a folder is not
//! text), and never more than a size cap, so no input can hang feoops or exhaust memory.

use std::io::{self, Read};
use std::path::Path;

/// The largest file feoops reads: far above any real content file, landscape or stack.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of the regular file at `path` (symlinks followed), at most `max` of them.
/// A folder, a FIFO, a device or a socket is an error, and so is a larger file; the
/// message says which (the caller names the path).
pub fn read_bounded(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    check_kind(&meta)?;
    let file = std::fs::File::open(path)?;
    // The file may have been replaced between the two calls: look again at what we opened.
    let meta = file.metadata()?;
    check_kind(&meta)?;
    let mut bytes = Vec::with_capacity(meta.len().min(max) as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MB, the most feoops reads",
                max / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// [`read_bounded`] with [`MAX_BYTES`].
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    read_bounded(path, MAX_BYTES)
}

/// [`read`] as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "the file is not valid UTF-8"))
}

fn check_kind(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "it is a folder, not a file",
        ));
    }
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file (a FIFO, a device or a socket); feoops reads regular files only",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_devices_and_big_files_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let err = read(d.path()).unwrap_err();
        assert!(err.to_string().contains("folder"), "{err}");
        #[cfg(unix)]
        {
            let err = read(Path::new("/dev/zero")).unwrap_err();
            assert!(err.to_string().contains("not a regular file"), "{err}");
        }
        let f = d.path().join("big.md");
        std::fs::write(&f, vec![b'a'; 2048]).unwrap();
        let err = read_bounded(&f, 1024).unwrap_err();
        assert!(err.to_string().contains("larger than"), "{err}");
        assert_eq!(read_bounded(&f, 2048).unwrap().len(), 2048);
    }
}
