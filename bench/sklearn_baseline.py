#!/usr/bin/env python3
"""The scikit-learn baseline of `headroom bench`: TfidfVectorizer + KMeans on the same texts.

Reads the texts `bench` exported (one ticket per line: cause, our fine topic, our parent topic,
the clean text and Headroom's terms for it, tab-separated), clusters the texts the way a data
scientist would without Headroom (whitespace tokens, TF-IDF, k-means with the k Headroom chose),
then the same on Headroom's terms, and prints one JSON object: the times, the vocabularies, and the
NMI of each clustering and of Headroom's topics against the planted causes.

Run by `./headroom bench`; needs Debian's python3-sklearn (`apt-get install python3-sklearn`).
"""
import argparse
import glob
import json
import os
import time

import sklearn
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import normalized_mutual_info_score


def read_texts(folder):
    causes, topics, texts, terms = [], [], [], []
    for path in sorted(glob.glob(os.path.join(folder, "part-*"))):
        with open(path, encoding="utf-8") as f:
            for line in f:
                cause, topic, _parent, text, ticket_terms = line.rstrip("\n").split("\t", 4)
                causes.append(cause)
                topics.append(topic)
                texts.append(text)
                terms.append(ticket_terms)
    return causes, topics, texts, terms


def cluster(documents, lowercase, args):
    """TF-IDF on whitespace-separated tokens, then k-means: (labels, seconds each, vocabulary)."""
    t0 = time.perf_counter()
    # Presence (binary), as Headroom's vectorizer counts terms.
    vectorizer = TfidfVectorizer(
        tokenizer=str.split,
        token_pattern=None,
        lowercase=lowercase,
        binary=True,
        min_df=args.min_df,
        max_features=args.max_features,
        norm="l2",
    )
    features = vectorizer.fit_transform(documents)
    vectorize_seconds = time.perf_counter() - t0

    t0 = time.perf_counter()
    # One k-means++ start, as MLlib's; rows are L2-normalized, so this is spherical k-means.
    kmeans = KMeans(
        n_clusters=args.k, n_init=1, max_iter=args.max_iter, random_state=args.seed
    )
    labels = kmeans.fit_predict(features)
    kmeans_seconds = time.perf_counter() - t0
    return labels, vectorize_seconds, kmeans_seconds, len(vectorizer.vocabulary_)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", required=True, help="folder with the exported part-* files")
    parser.add_argument("--k", type=int, required=True, help="clusters (Headroom's k)")
    parser.add_argument("--min-df", type=int, default=2, help="as topics.min-doc-frequency")
    parser.add_argument("--max-features", type=int, default=20000, help="as topics.vocabulary-size")
    parser.add_argument("--max-iter", type=int, default=40, help="as Headroom's k-means")
    parser.add_argument("--seed", type=int, default=42, help="as topics.seed")
    args = parser.parse_args()

    t0 = time.perf_counter()
    causes, topics, texts, terms = read_texts(args.texts)
    read_seconds = time.perf_counter() - t0
    if not texts:
        raise SystemExit(f"no texts under {args.texts}")

    # As a data scientist would without Headroom: the clean texts split on whitespace.
    labels, vectorize_seconds, kmeans_seconds, vocabulary = cluster(texts, True, args)
    # Given Headroom's tokens (Nori's terms, as discover clustered them): the same work from the
    # same starting point as discover's fit.
    term_labels, terms_vectorize_seconds, terms_kmeans_seconds, terms_vocabulary = cluster(
        terms, False, args
    )

    print(
        json.dumps(
            {
                "version": sklearn.__version__,
                "rows": len(texts),
                "readSeconds": read_seconds,
                "vectorizeSeconds": vectorize_seconds,
                "kmeansSeconds": kmeans_seconds,
                "vocabulary": vocabulary,
                "nmi": normalized_mutual_info_score(causes, labels),
                "oursNmi": normalized_mutual_info_score(causes, topics),
                "terms": sum(len(t.split()) for t in terms),
                "termsVectorizeSeconds": terms_vectorize_seconds,
                "termsKmeansSeconds": terms_kmeans_seconds,
                "termsVocabulary": terms_vocabulary,
                "termsNmi": normalized_mutual_info_score(causes, term_labels),
            }
        )
    )


if __name__ == "__main__":
    main()
