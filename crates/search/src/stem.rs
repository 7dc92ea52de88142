//! English Snowball stemming with a memo of the words already stemmed.
//!
//! News text repeats a small vocabulary, so most tokens were stemmed before: looking the word up
//! is several times cheaper than running the Snowball algorithm again. Gives exactly the stems of
//! tantivy's `Stemmer` (same algorithm, same crate).
//!
//! The memo belongs to the thread, not to the analyzer: tantivy clones analyzers per field, per
//! segment and per query (a snippet is one query's analyzer run over a whole article), so a memo
//! per analyzer would start empty almost every time.

use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread before the memo starts over (bounds memory on odd corpora).
const MEMO_CAPACITY: usize = 1 << 17;

/// Longest word that is remembered; longer ones are rare and stemmed every time.
const MEMO_MAX_LEN: usize = 24;

/// A [`TokenFilter`] that stems English words, remembering the stems it has computed.
#[derive(Clone, Copy, Debug, Default)]
pub struct CachedStemmer;

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter { inner: tokenizer }
    }
}

thread_local! {
    /// Word → stem, `None` when the word is its own stem.
    static MEMO: RefCell<FxHashMap<Box<str>, Option<Box<str>>>> = RefCell::new(FxHashMap::default());
}

#[derive(Clone)]
pub struct CachedStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer: frostem::Stemmer::new(frostem::Algorithm::English),
            _text: std::marker::PhantomData,
        }
    }
}

pub struct CachedStemmerStream<'a, T> {
    tail: T,
    stemmer: frostem::Stemmer,
    _text: std::marker::PhantomData<&'a str>,
}

impl<T: TokenStream> TokenStream for CachedStemmerStream<'_, T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if token.text.len() > MEMO_MAX_LEN {
            if let Cow::Owned(s) = self.stemmer.stem(&token.text) {
                token.text = s;
            }
            return true;
        }
        let stemmer = &self.stemmer;
        MEMO.with_borrow_mut(|memo| {
            if let Some(stem) = memo.get(token.text.as_str()) {
                if let Some(s) = stem {
                    token.text.clear();
                    token.text.push_str(s);
                }
                return;
            }
            let stem = match stemmer.stem(&token.text) {
                Cow::Owned(s) if s != token.text => Some(s),
                _ => None,
            };
            if memo.len() >= MEMO_CAPACITY {
                memo.clear();
            }
            memo.insert(token.text.as_str().into(), stem.as_deref().map(Into::into));
            if let Some(s) = stem {
                token.text = s;
            }
        });
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, Stemmer, TextAnalyzer};

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn same_stems_as_tantivy_stemmer_on_first_and_repeated_words() {
        let text = "Militants attacked the running convoys; the attacks killed fighters, attacking again. \
                    Militants ran, running and runs: nationalisation internationalization antidisestablishmentarianism";
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(Stemmer::default())
            .build();
        let mut cached = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(CachedStemmer)
            .build();
        let want = tokens(&mut plain, text);
        assert_eq!(tokens(&mut cached, text), want);
        // Second pass: every word now comes from the memo.
        assert_eq!(tokens(&mut cached, text), want);
        assert!(
            want.contains(&"attack".to_string()) && want.contains(&"run".to_string()),
            "{want:?}"
        );
        // A clone shares the thread's memo; another thread starts with an empty one.
        assert_eq!(tokens(&mut cached.clone(), text), want);
        let mut other = cached.clone();
        assert_eq!(
            std::thread::spawn(move || tokens(&mut other, text))
                .join()
                .unwrap(),
            want
        );
    }
}
