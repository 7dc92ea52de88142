//! Quotation extraction on the seed article and on invented sentences, one construction each.
