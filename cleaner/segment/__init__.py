"""Sentence segmentation: :func:`split_sentences` and :func:`sentence_spans` (exact offsets)."""

from cleaner.segment.splitter import sentence_spans, split_sentences

__all__ = ["sentence_spans", "split_sentences"]
