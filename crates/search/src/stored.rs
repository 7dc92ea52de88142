//! Reading a document's stored record without tantivy's generic document decoding.
//!
//! Every document this index writes stores one value: its record, as bytes (see
//! [`crate::codec`]). tantivy's decoder builds that value one byte at a time through its
//! generic `Vec<T>` reader, which cost 3% of the server's CPU under the benchmark mix (ten
//! records of a few kilobytes per page). Here the record is sliced straight out of the
//! document's bytes, through a store reader per segment (with its own block cache, since a
//! searcher's are not reachable). Anything but that one-bytes-value layout is left to tantivy.
//!
//! Memory: at most 100 decompressed 64 KiB blocks per live segment, as a searcher's own readers;
//! readers of segments merged away are dropped when the next new segment's reader is made.

use crate::segment_cache::SegmentCache;
use std::sync::Arc;
use tantivy::directory::OwnedBytes;
use tantivy::index::SegmentId;
use tantivy::schema::Field;
use tantivy::store::StoreReader;
use tantivy::{DocAddress, Searcher};

/// Decompressed blocks each segment's reader keeps (tantivy's default for a searcher).
const CACHE_BLOCKS: usize = 100;

/// tantivy's type code of a bytes value in a stored document.
const BYTES_CODE: u8 = 4;

/// Store readers per segment, shared by the index's searches.
#[derive(Clone, Default)]
pub(crate) struct Stores(SegmentCache<(), StoreReader>);

impl std::fmt::Debug for Stores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Stores")
    }
}

impl Stores {
    fn reader(&self, searcher: &Searcher, segment_ord: u32) -> tantivy::Result<Arc<StoreReader>> {
        let segment = searcher.segment_reader(segment_ord);
        self.0.get_or_build(segment.segment_id(), (), || {
            // A new segment: readers of segments merged away since go, with their blocks and
            // files. (A search on an older searcher may drop a reader a newer one uses; it is
            // made again.)
            let live: Vec<SegmentId> = searcher
                .segment_readers()
                .iter()
                .map(|s| s.segment_id())
                .collect();
            self.0.retain(&live);
            Ok(segment.get_store_reader(CACHE_BLOCKS)?)
        })
    }

    /// The bytes of `field` in the document at `addr`, when that is the document's only stored
    /// value; `None` when the document is laid out otherwise.
    pub fn single_bytes(
        &self,
        searcher: &Searcher,
        addr: DocAddress,
        field: Field,
    ) -> tantivy::Result<Option<OwnedBytes>> {
        if addr.segment_ord as usize >= searcher.segment_readers().len() {
            return Ok(None);
        }
        let doc = self
            .reader(searcher, addr.segment_ord)?
            .get_document_bytes(addr.doc_id)?;
        Ok(single_bytes_value(doc.as_slice(), field).map(|r| doc.slice(r)))
    }
}

/// tantivy's variable-length integer: seven bits per byte, low bits first, the last byte
/// marked by its high bit. Returns the value and the bytes read.
fn vint(bytes: &[u8]) -> Option<(u64, usize)> {
    let mut value = 0u64;
    for (i, &b) in bytes.iter().enumerate().take(10) {
        value |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 != 0 {
            return Some((value, i + 1));
        }
    }
    None
}

/// Where the value lies in a stored document made of one bytes value of `field`: a count of
/// one, the field number (four bytes, little-endian), the bytes type code, the length and the
/// bytes, which end the document.
fn single_bytes_value(doc: &[u8], field: Field) -> Option<std::ops::Range<usize>> {
    let (count, mut at) = vint(doc)?;
    let id = doc.get(at..at + 4)?;
    if count != 1 || u32::from_le_bytes(id.try_into().ok()?) != field.field_id() {
        return None;
    }
    at += 4;
    if *doc.get(at)? != BYTES_CODE {
        return None;
    }
    at += 1;
    let (len, n) = vint(doc.get(at..)?)?;
    at += n;
    (doc.len().checked_sub(at)? as u64 == len).then_some(at..doc.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{Schema, STORED, TEXT};
    use tantivy::{doc, Index, TantivyDocument};

    /// The record read here is the one tantivy's decoder reads, for short and long values in
    /// several segments; documents of another layout are left to tantivy.
    #[test]
    fn records_read_as_tantivy_reads_them() {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT | STORED);
        let stored = b.add_bytes_field("stored", STORED);
        let index = Index::create_in_ram(b.build());
        let values: Vec<Vec<u8>> = [0usize, 1, 127, 128, 300, 16_383, 16_384, 70_000]
            .iter()
            .map(|&n| (0..n).map(|i| (i * 7 % 251) as u8).collect())
            .collect();
        for chunk in values.chunks(3) {
            let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
            for v in chunk {
                w.add_document(doc!(stored => v.clone())).unwrap();
            }
            w.add_document(doc!(text => "two values", stored => vec![1u8, 2]))
                .unwrap();
            w.commit().unwrap();
        }
        let stores = Stores::default();
        // Every document of every segment: how many records were read here.
        let check = |searcher: &Searcher| -> usize {
            let mut read = 0;
            for (ord, seg) in searcher.segment_readers().iter().enumerate() {
                for doc_id in 0..seg.max_doc() {
                    let addr = DocAddress::new(ord as u32, doc_id);
                    let theirs: TantivyDocument = searcher.doc(addr).unwrap();
                    let ours = stores.single_bytes(searcher, addr, stored).unwrap();
                    if theirs.get_first(text).is_some() {
                        assert_eq!(ours, None, "{addr:?}");
                    } else {
                        let bytes = theirs
                            .get_first(stored)
                            .and_then(|v| tantivy::schema::Value::as_bytes(&v))
                            .unwrap();
                        assert_eq!(ours.as_ref().map(|b| b.as_slice()), Some(bytes), "{addr:?}");
                        read += 1;
                    }
                }
            }
            read
        };
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(check(&searcher), values.len());
        assert_eq!(stores.0.len(), searcher.segment_readers().len());
        // Once the segments are merged into one, the readers of the old ones go.
        let ids: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        let mut w: tantivy::IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        w.merge(&ids).wait().unwrap();
        w.wait_merging_threads().unwrap();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert_eq!(check(&searcher), values.len());
        assert_eq!(stores.0.len(), 1);
    }
}
