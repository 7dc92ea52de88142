//! Canonical names: groups an article's mentions into entities.

use crate::model::{Entity, EntityKind, Span};
use crate::ner::Mention;
use std::collections::BTreeMap;

/// Groups mentions into entities per kind; a one-word mention that is the last or first word of
/// a longer name of the same kind joins that entity.
pub fn group(text: &str, mentions: &[Mention]) -> BTreeMap<EntityKind, Vec<Entity>> {
    let mut out: BTreeMap<EntityKind, Vec<Entity>> = BTreeMap::new();
    for kind in EntityKind::ALL {
        let mut ms: Vec<Span> = mentions.iter().filter(|m| m.kind == kind).map(|m| m.span).collect();
        ms.sort();
        // canonical names: longest surface first
        let mut names: Vec<String> = ms.iter().map(|s| s.slice(text).to_string()).collect();
        names.sort_by(|a, b| b.split_whitespace().count().cmp(&a.split_whitespace().count()).then(a.cmp(b)));
        names.dedup();
        let mut ents: Vec<Entity> = Vec::new();
        for name in &names {
            let resolved = if name.split_whitespace().count() == 1 && kind == EntityKind::Person {
                ents.iter().position(|e| {
                    let ws: Vec<&str> = e.name.split_whitespace().collect();
                    ws.len() > 1 && (ws.last() == Some(&name.as_str()) || ws.first() == Some(&name.as_str()))
                })
            } else {
                None
            };
            let idx = match resolved.or_else(|| ents.iter().position(|e| &e.name == name)) {
                Some(i) => i,
                None => {
                    ents.push(Entity { name: name.clone(), mentions: vec![], country: None, role: None });
                    ents.len() - 1
                }
            };
            for s in ms.iter().filter(|s| s.slice(text) == name) {
                ents[idx].mentions.push(*s);
            }
        }
        for e in &mut ents {
            e.mentions.sort();
        }
        ents.sort_by_key(|e| e.mentions.first().copied());
        out.insert(kind, ents);
    }
    out
}
