//! The parsed documents of a run's first pass, kept on disk until its second pass extracts
//! them: each file is read and parsed once, yet files can be written in an order decided after
//! all of them were compared (near-identical files next to each other).
//!
//! Documents are encoded with `postcard`, compressed with LZ4 and appended to one unnamed
//! temporary file (in `TMPDIR`; the system removes it when the run ends, even when it is killed).
//! It takes about half the bytes of the text read. Reading one entry back is one positioned read
//! of that one file, which the page cache mostly holds, instead of opening and parsing the
//! source file again: at a million small files the page cache no longer held the corpus
//! between the two passes, and web pages were parsed twice.

use sitrep_indexer::Document;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::sync::Mutex;

/// Where a file's documents are in the spill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Entry {
    offset: u64,
    len: u32,
}

pub(crate) struct Spill {
    /// The file, for positioned reads (the writer writes through a clone of its handle).
    file: File,
    /// The buffered writer and the offset of the next entry.
    writer: Mutex<(BufWriter<File>, u64)>,
}

impl Spill {
    pub(crate) fn new() -> io::Result<Spill> {
        let file = tempfile::tempfile()?;
        let writer = BufWriter::with_capacity(1 << 20, file.try_clone()?);
        Ok(Spill {
            file,
            writer: Mutex::new((writer, 0)),
        })
    }

    /// Appends documents; the encoding and compression happen outside the lock.
    pub(crate) fn put(&self, docs: &[Document]) -> io::Result<Entry> {
        let encoded = postcard::to_allocvec(docs).map_err(io::Error::other)?;
        let packed = lz4_flex::compress_prepend_size(&encoded);
        let len = u32::try_from(packed.len())
            .map_err(|_| io::Error::other("documents too large to spill"))?;
        let mut w = self
            .writer
            .lock()
            .map_err(|_| io::Error::other("spill writer poisoned"))?;
        let offset = w.1;
        w.0.write_all(&packed)?;
        w.1 += u64::from(len);
        Ok(Entry { offset, len })
    }

    /// Writes out what is buffered: call once between the two passes.
    pub(crate) fn flush(&self) -> io::Result<()> {
        self.writer
            .lock()
            .map_err(|_| io::Error::other("spill writer poisoned"))?
            .0
            .flush()
    }

    /// The documents of an entry.
    pub(crate) fn get(&self, e: Entry) -> io::Result<Vec<Document>> {
        let mut packed = vec![0u8; e.len as usize];
        read_at(&self.file, &mut packed, e.offset)?;
        let encoded = lz4_flex::decompress_size_prepended(&packed).map_err(io::Error::other)?;
        postcard::from_bytes(&encoded).map_err(io::Error::other)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &File, mut buf: &mut [u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        match std::os::windows::fs::FileExt::seek_read(file, buf, offset)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                let rest = buf;
                buf = &mut rest[n..];
                offset += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_as_they_were_put() {
        let spill = Spill::new().unwrap();
        let a = Document::from_plain_text(
            "a.txt".into(),
            "a".into(),
            "Harbour talks\n\nHarbour talks\n\nThe ferry left at dawn, the port office said."
                .into(),
        );
        let mut b = Document::from_plain_text(
            "b.txt".into(),
            "b".into(),
            "Bridge reopens\n\nCrews finished the repairs on Tuesday.".into(),
        );
        b.published = chrono::NaiveDate::from_ymd_opt(2024, 5, 10);
        b.authors = vec!["Desk Reporter".into()];
        let ea = spill.put(std::slice::from_ref(&a)).unwrap();
        let eb = spill.put(&[b.clone(), a.clone()]).unwrap();
        let empty = spill.put(&[]).unwrap();
        spill.flush().unwrap();
        // read back out of order, and twice
        assert_eq!(spill.get(eb).unwrap(), vec![b.clone(), a.clone()]);
        assert_eq!(spill.get(ea).unwrap(), vec![a.clone()]);
        assert_eq!(spill.get(empty).unwrap(), Vec::<Document>::new());
        assert_eq!(spill.get(ea).unwrap(), vec![a]);
        // an entry past the end is an error, not a panic
        assert!(spill
            .get(Entry {
                offset: 1 << 30,
                len: 10
            })
            .is_err());
    }
}
