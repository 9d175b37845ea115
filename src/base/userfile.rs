//! Reading a file the user named or put in a folder: bounded. Only regular files are read
//! (a FIFO would block forever, a device such as `/dev/zero` never ends, a folder is not
//! text), and never more than a size cap, so no input can hang feoops or exhaust memory.

use std::fmt;
use std::io::{self, Read};
use std::path::Path;

use super::Lang;
use super::i18n::{Localize, fill, text};

/// Why feoops refused a file, carried inside an [`io::Error`] so that
/// [`super::i18n::io_error`] can say it in the UI language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    /// A folder where a file was expected.
    Folder,
    /// A file where a folder was expected.
    NotFolder,
    /// A FIFO, a device or a socket.
    NotRegular,
    /// Larger than the cap, in MiB.
    TooLarge {
        mb: u64,
    },
    NotUtf8,
    /// A file to replace is a symlink.
    Symlink,
    /// A file to replace is not a regular file.
    NotRegularLeft,
    /// A data file is a symlink to a place outside the data folder.
    SymlinkOutside {
        target: std::path::PathBuf,
    },
    /// A data file is a symlink to something that is not a regular file.
    SymlinkNotRegular,
}

impl Localize for FileProblem {
    fn localized(&self, lang: Lang) -> String {
        let m = &text(lang).messages;
        match self {
            FileProblem::Folder => m.io_is_folder.clone(),
            FileProblem::NotFolder => m.file_not_folder.clone(),
            FileProblem::NotRegular => m.file_not_regular.clone(),
            FileProblem::TooLarge { mb } => fill(&m.file_too_large, &[("mb", mb)]),
            FileProblem::NotUtf8 => m.file_not_utf8.clone(),
            FileProblem::Symlink => m.file_symlink.clone(),
            FileProblem::NotRegularLeft => m.file_not_regular_left.clone(),
            FileProblem::SymlinkOutside { target } => {
                fill(&m.file_symlink_outside, &[("target", &target.display())])
            }
            FileProblem::SymlinkNotRegular => m.file_symlink_not_regular.clone(),
        }
    }
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for FileProblem {}

impl FileProblem {
    /// This problem as an I/O error of a kind.
    pub fn io(self, kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, self)
    }
}

/// The largest file feoops reads: far above any real content file, landscape or stack.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The bytes of the regular file at `path` (symlinks followed), at most `max` of them.
/// A folder, a FIFO, a device or a socket is an error, and so is a larger file; the
/// message says which (the caller names the path).
pub fn read_bounded(path: &Path, max: u64) -> io::Result<Vec<u8>> {
    let (file, len) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(len.min(max) as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(too_large(max));
    }
    Ok(bytes)
}

/// The regular file at `path`, opened, and its length; a folder, a FIFO, a device or a
/// socket is an error.
fn open_regular(path: &Path) -> io::Result<(std::fs::File, u64)> {
    check_kind(&std::fs::metadata(path)?)?;
    let file = std::fs::File::open(path)?;
    // The file may have been replaced between the two calls: look again at what we opened.
    let meta = file.metadata()?;
    check_kind(&meta)?;
    Ok((file, meta.len()))
}

fn too_large(max: u64) -> io::Error {
    FileProblem::TooLarge {
        mb: max / (1024 * 1024),
    }
    .io(io::ErrorKind::FileTooLarge)
}

/// The bytes of the file [`read`] would give, handed to `each` a piece of `chunk` bytes at
/// a time (the last piece shorter), without holding the whole file: for hashing a large
/// file. The same checks and errors as [`read`]; gives the file's size.
pub fn read_chunks(path: &Path, chunk: usize, mut each: impl FnMut(&[u8])) -> io::Result<u64> {
    let mut file = open_regular(path)?.0.take(MAX_BYTES + 1);
    let mut buf = vec![0; chunk.max(1)];
    let mut size = 0u64;
    loop {
        // Fill the whole piece (a read may stop short), so pieces do not depend on how
        // the system splits reads.
        let mut got = 0;
        while got < buf.len() {
            match file.read(&mut buf[got..]) {
                Ok(0) => break,
                Ok(n) => got += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        size += got as u64;
        if size > MAX_BYTES {
            return Err(too_large(MAX_BYTES));
        }
        if got > 0 {
            each(&buf[..got]);
        }
        if got < buf.len() {
            return Ok(size);
        }
    }
}

/// [`read_bounded`] with [`MAX_BYTES`].
pub fn read(path: &Path) -> io::Result<Vec<u8>> {
    read_bounded(path, MAX_BYTES)
}

/// [`read`] as UTF-8 text.
pub fn read_to_string(path: &Path) -> io::Result<String> {
    String::from_utf8(read(path)?).map_err(|_| FileProblem::NotUtf8.io(io::ErrorKind::InvalidData))
}

fn check_kind(meta: &std::fs::Metadata) -> io::Result<()> {
    if meta.is_dir() {
        return Err(FileProblem::Folder.io(io::ErrorKind::IsADirectory));
    }
    if !meta.is_file() {
        return Err(FileProblem::NotRegular.io(io::ErrorKind::InvalidInput));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_give_the_bytes_read_gives() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("f");
        let bytes: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&p, &bytes).unwrap();
        for chunk in [1, 7, 4096, 10_000, 20_000] {
            let mut got = Vec::new();
            let mut pieces = Vec::new();
            let size = read_chunks(&p, chunk, |c| {
                pieces.push(c.len());
                got.extend_from_slice(c);
            })
            .unwrap();
            assert_eq!((size, &got), (10_000, &bytes), "chunk {chunk}");
            assert!(pieces[..pieces.len() - 1].iter().all(|&n| n == chunk));
        }
        assert!(
            read_chunks(d.path(), 16, |_| {}).is_err(),
            "a folder is refused"
        );
    }

    #[test]
    fn folders_devices_and_big_files_are_refused() {
        let d = tempfile::tempdir().unwrap();
        let err = read(d.path()).unwrap_err();
        let shown = crate::i18n::io_error(&err, Lang::En);
        assert!(shown.contains("folder"), "{shown}");
        assert_eq!(
            crate::i18n::io_error(&err, Lang::Ko),
            "파일이 아니라 폴더입니다"
        );
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
