//! Shared by the `errors` and `show` examples.

use sitrep_indexer::Extractor;

/// `--model FILE --gazetteer FILE` (a freshly trained model) or the shipped one; `--without
/// PASS,...` switches passes off.
pub fn extractor(args: &mut Vec<String>) -> Extractor {
    let take = |args: &mut Vec<String>, name: &str| -> Option<String> {
        let i = args.iter().position(|a| a == name)?;
        let v = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
        v
    };
    // `--without PASS,PASS` switches rule passes off
    let without: Vec<sitrep_indexer::ner::Pass> = take(args, "--without")
        .map(|w| {
            w.split(',')
                .map(|p| sitrep_indexer::ner::Pass::from_name(p).expect("unknown pass"))
                .collect()
        })
        .unwrap_or_default();
    let tagger = match (take(args, "--model"), take(args, "--gazetteer")) {
        (Some(m), Some(g)) => {
            let model = sitrep_indexer::ner::model::Model::from_bytes(
                &std::fs::read(&m).expect("read model"),
            )
            .expect("model");
            let gaz = sitrep_indexer::gazetteer::Gazetteer::from_data(
                &std::fs::read_to_string(&g).expect("read gazetteer"),
            );
            sitrep_indexer::ner::Tagger::with_model(
                Box::leak(Box::new(model)),
                Box::leak(Box::new(gaz)),
            )
        }
        _ => sitrep_indexer::ner::Tagger::new(),
    };
    Extractor::with_tagger(
        tagger.without(&without),
        &sitrep_indexer::ExtractorOptions::default(),
    )
}
