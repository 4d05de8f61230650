/* Newsbot's BM25 scoring kernel: the inner loops of retrieval/index.py, in C.
 *
 * Every function works on buffers (numpy arrays) owned by the caller and does exactly the
 * arithmetic of the numpy fallback in index.py, in the same order per posting, so scores are
 * bit-for-bit those of the fallback. Built as an optional extension: without a C compiler the
 * package still works, on numpy alone.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <math.h>
#include <string.h>

/* What a posting list out of order or out of range raises: only a damaged saved index has
 * one (every list is written ascending), and no function reads memory astray for it. */
#define DAMAGED "the postings are out of order or out of range: the index is damaged"

static inline double tf_at(const void *tfs, int tf_size, Py_ssize_t i)
{
    return tf_size == 2 ? (double)((const uint16_t *)tfs)[i] : (double)((const int32_t *)tfs)[i];
}

/* blockmax(offsets, docs, tfs, tf_size, norm, block, out) -> None
 * For each term's postings cut into blocks of `block` (the last may be shorter), one after
 * another in term order: out[b] = the largest tf / (tf + norm[doc]) in block b, rounded up to
 * float32 so that it never falls below the double it stands for. */
static PyObject *blockmax(PyObject *self, PyObject *args)
{
    Py_buffer offsets, docs, tfs, norm, out;
    int tf_size;
    Py_ssize_t block;
    if (!PyArg_ParseTuple(args, "y*y*y*iy*nw*", &offsets, &docs, &tfs, &tf_size, &norm, &block,
                          &out))
        return NULL;
    const int64_t *off = offsets.buf;
    const int32_t *d = docs.buf;
    const double *nm = norm.buf;
    float *o = out.buf;
    Py_ssize_t n_terms = offsets.len / 8 - 1, b = 0, n_out = out.len / 4;
    Py_ssize_t n_docs = norm.len / 8, n_postings = docs.len / 4;
    int bad = 0;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t t = 0; t < n_terms && !bad; t++) {
        if (off[t] < 0 || off[t] > off[t + 1] || off[t + 1] > n_postings) {
            bad = 1;
            break;
        }
        for (int64_t start = off[t]; start < off[t + 1] && b < n_out; start += block, b++) {
            int64_t end = start + block < off[t + 1] ? start + block : off[t + 1];
            double top = 0.0;
            for (int64_t i = start; i < end; i++) {
                if ((uint32_t)d[i] >= (uint64_t)n_docs) {
                    bad = 1;
                    break;
                }
                double tf = tf_at(tfs.buf, tf_size, i);
                double g = tf / (tf + nm[d[i]]);
                if (g > top) top = g;
            }
            float f = (float)top;
            o[b] = (double)f < top ? nextafterf(f, INFINITY) : f;
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&offsets); PyBuffer_Release(&docs); PyBuffer_Release(&tfs);
    PyBuffer_Release(&norm); PyBuffer_Release(&out);
    if (bad) {
        PyErr_SetString(PyExc_ValueError, DAMAGED);
        return NULL;
    }
    Py_RETURN_NONE;
}

/* One query term's postings in one segment, for topk. */
#define LOW_TFS 16 /* a list's bounds at the smallest norm are tabled for tfs below this */

typedef struct {
    const int32_t *docs;
    const void *tfs;
    const float *bmax; /* the term's block maxima (blockmax), times scale = a bound per block */
    const int32_t *ends; /* the last document of each of its blocks */
    Py_ssize_t n, pos, probe;
    double weight, scale;
    double low[LOW_TFS]; /* weight * (tf * k1p1) / (tf + min_norm) for tf below LOW_TFS */
} List;

/* A term's bound on a document where it has the tf at position i: its part at the smallest
 * norm, weight * (tf * k1p1) / (tf + min_norm); from the list's table for the usual small
 * tfs (the same arithmetic, done once per tf), where a division per posting was most of the
 * cost of a long list's pass. */
static inline uint32_t tf_of(const List *l, int tf_size, Py_ssize_t i)
{
    return tf_size == 2 ? ((const uint16_t *)l->tfs)[i] : (uint32_t)((const int32_t *)l->tfs)[i];
}

static inline double bound_at(const List *l, int tf_size, Py_ssize_t i, double k1p1,
                              double min_norm)
{
    uint32_t tf = tf_of(l, tf_size, i);
    if (tf < LOW_TFS) return l->low[tf];
    double t = (double)tf;
    return l->weight * (t * k1p1) / (t + min_norm);
}

static inline int32_t current(const List *l) { return l->pos < l->n ? l->docs[l->pos] : INT32_MAX; }

/* The first position >= pos in docs[:n] whose document is >= target (galloping, then binary
 * search), or n. */
static inline Py_ssize_t gallop(const int32_t *d, Py_ssize_t n, Py_ssize_t lo, int32_t target)
{
    if (lo >= n || d[lo] >= target) return lo;
    Py_ssize_t bound = 1;
    while (lo + bound < n && d[lo + bound] < target) bound <<= 1;
    Py_ssize_t left = lo + bound / 2 + 1, right = lo + bound < n ? lo + bound : n;
    while (left < right) {
        Py_ssize_t mid = left + (right - left) / 2;
        if (d[mid] < target) left = mid + 1; else right = mid;
    }
    return left;
}

static inline void seek(List *l, int32_t target) { l->pos = gallop(l->docs, l->n, l->pos, target); }

static int descending(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

/* The heap of the best k: a min-heap whose root is the worst entry (lowest score; among equal
 * scores the higher document id, which loses the tie). */
static inline int worse(const double *hs, const int32_t *hd, Py_ssize_t a, Py_ssize_t b)
{
    return hs[a] < hs[b] || (hs[a] == hs[b] && hd[a] > hd[b]);
}

static inline void swap_entries(double *hs, int32_t *hd, Py_ssize_t a, Py_ssize_t b)
{
    double s = hs[a]; hs[a] = hs[b]; hs[b] = s;
    int32_t d = hd[a]; hd[a] = hd[b]; hd[b] = d;
}

static void sift_down(double *hs, int32_t *hd, Py_ssize_t size, Py_ssize_t p)
{
    for (;;) {
        Py_ssize_t l = 2 * p + 1, r = l + 1, m = p;
        if (l < size && worse(hs, hd, l, m)) m = l;
        if (r < size && worse(hs, hd, r, m)) m = r;
        if (m == p) return;
        swap_entries(hs, hd, p, m);
        p = m;
    }
}

static void sift_up(double *hs, int32_t *hd, Py_ssize_t c)
{
    while (c > 0) {
        Py_ssize_t p = (c - 1) / 2;
        if (!worse(hs, hd, c, p)) return;
        swap_entries(hs, hd, p, c);
        c = p;
    }
}

/* The pruning bar: a document whose upper bound is below it cannot enter the top k. A hair
 * under the k-th best score, so that rounding in a bound never drops a document that ties or
 * beats it; such a document is scored in full and the heap decides. */
static inline double bar_of(const double *hs, Py_ssize_t size, Py_ssize_t k)
{
    return size < k ? -INFINITY : hs[0] - fabs(hs[0]) * 1e-12;
}

#define WINDOW 4096 /* documents per window of topk's main loop */
/* topk(offsets, docs, tfs, tf_size, block_offsets, bmax, ends, block, tids, weights, scale,
 *      norm, min_norm, k1p1, heap_docs, heap_scores, size, k) -> size
 * Top k over one segment, with MaxScore pruning and block maxima, a window at a time; the heap
 * (heap_docs, heap_scores, its first `size` entries) carries over from earlier segments,
 * whose documents all have lower ids.
 *
 * Query term i has tid tids[i] and weight weights[i]; a document's score is the sum, in the
 * order of the terms given, of weight * (tf * k1p1) / (tf + norm[doc]) over the terms it
 * holds: the same arithmetic, in the same order, as accumulate, so scores are identical.
 * Within its block b a term adds at most bmax[block_offsets[tid] + b] * weight * k1p1 *
 * scale, and at most weight * (tf * k1p1) / (tf + min_norm) to a document where it has tf;
 * ends[block_offsets[tid] + b] is the block's last document (a window's blocks are found
 * there, not by reading a cache line of the postings per block).
 *
 * Terms are sorted by their highest block bound. Those whose bounds together fall below the
 * k-th best score so far (the bar) are non-essential: a document is a candidate only if an
 * essential term holds it, and the others are looked up (highest bound first) only while the
 * document can still make the top k.
 *
 * The documents are taken in windows of WINDOW ids, from the first one an essential term
 * holds. A window whose essential blocks cannot lift a document over the bar is skipped
 * unread. Otherwise the essential terms go through it term at a time, each adding to the
 * documents it holds a bound from its tf at the smallest norm (passing over the postings
 * whose tf is too low to reach the bar even with every other term's bound in the window:
 * a frequent term's many tfs of 1, in a two-term question); the documents touched whose
 * bound and the other terms' bounds in the window (from their blocks there) reach the bar
 * are the window's candidates, in id order. The non-essential terms then go over the
 * candidates term at a time too (highest bound first), each putting its tf's bound in place
 * of its bound in the window for the candidates it holds and dropping those that can no
 * longer make it; the rest have their norm read and are scored exactly (every term's tf
 * found again by galloping through the window's postings). Term at a time within a window
 * is what makes long queries cheap: no per-document pass over every list to find the next
 * candidate, and each list's lookups go in one ascending run. */
static PyObject *topk(PyObject *self, PyObject *args)
{
    Py_buffer offsets, docs, tfs, boffsets, bmax, bends, tids, weights, norm, heap_docs;
    Py_buffer heap_scores;
    int tf_size;
    Py_ssize_t block, size, k;
    double scale, k1p1, min_norm;
    if (!PyArg_ParseTuple(args, "y*y*y*iy*y*y*ny*y*dy*ddw*w*nn", &offsets, &docs, &tfs, &tf_size,
                          &boffsets, &bmax, &bends, &block, &tids, &weights, &scale, &norm,
                          &min_norm, &k1p1, &heap_docs, &heap_scores, &size, &k))
        return NULL;
    const int32_t *all_ends = bends.buf;
    const int64_t *off = offsets.buf, *boff = boffsets.buf, *tid = tids.buf;
    const double *w = weights.buf, *nm = norm.buf;
    const int32_t *all_docs = docs.buf;
    const float *all_bmax = bmax.buf;
    int32_t *hd = heap_docs.buf;
    double *hs = heap_scores.buf;
    Py_ssize_t n_terms = offsets.len / 8 - 1, m_given = tids.len / 8, m = 0;
    /* documents past the norms, or a list going back, are a damaged index: never read */
    int32_t n_docs = norm.len / 8 > INT32_MAX ? INT32_MAX : (int32_t)(norm.len / 8);
    int bad = 0;
    List *lists = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(List));
    Py_ssize_t *order = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(Py_ssize_t));
    double *prefix = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(double));
    double *bound = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(double));
    double *wbound = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(double));
    double *seeds = PyMem_Calloc((size_t)(block > 0 ? block : 1), sizeof(double));
    double *acc = PyMem_Calloc(WINDOW, sizeof(double)); /* bounds, by doc - lo */
    uint64_t *hit = PyMem_Calloc(WINDOW / 64, sizeof(uint64_t)); /* documents touched */
    int32_t *cdoc = PyMem_Calloc(WINDOW, sizeof(int32_t)); /* the window's candidates */
    double *creach = PyMem_Calloc(WINDOW, sizeof(double)); /* and their bounds */
    PyObject *result = NULL;
    if (!lists || !order || !prefix || !bound || !wbound || !seeds || !acc || !hit || !cdoc
        || !creach) {
        result = PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < m_given; i++) {
        if (tid[i] < 0 || tid[i] >= n_terms || off[tid[i]] == off[tid[i] + 1]) continue;
        List *l = &lists[m++];
        l->docs = all_docs + off[tid[i]];
        l->tfs = (const char *)tfs.buf + (size_t)off[tid[i]] * (size_t)tf_size;
        l->bmax = all_bmax + boff[tid[i]];
        l->ends = all_ends + boff[tid[i]];
        l->n = (Py_ssize_t)(off[tid[i] + 1] - off[tid[i]]);
        l->weight = w[i];
        l->scale = w[i] * k1p1 * scale;
        for (int t = 0; t < LOW_TFS; t++)
            l->low[t] = l->weight * ((double)t * k1p1) / ((double)t + min_norm);
    }
    Py_BEGIN_ALLOW_THREADS
    /* each term's bound: its highest block maximum; terms sorted by it, ascending */
    for (Py_ssize_t i = 0; i < m; i++) {
        List *l = &lists[i];
        float top = 0.0f;
        for (Py_ssize_t b = 0, nb = (l->n + block - 1) / block; b < nb; b++)
            if (l->bmax[b] > top) top = l->bmax[b];
        bound[i] = (double)top * l->scale;
        Py_ssize_t j = i;
        while (j > 0 && bound[order[j - 1]] > bound[i]) { order[j] = order[j - 1]; j--; }
        order[j] = i;
    }
    double sum = 0.0;
    for (Py_ssize_t j = 0; j < m; j++) prefix[j] = sum += bound[order[j]];
    /* A first bar before any list is read through: the k-th best score among the documents
     * of the block where the most important term peaks (scored in full, the same way). It
     * is a score that k documents reach, so nothing below it can make the top k; the heap
     * takes those documents when the main pass meets them. */
    double seed = -INFINITY;
    if (m > 0 && k > 0 && k <= block) {
        const List *top = &lists[order[m - 1]];
        Py_ssize_t best = 0;
        for (Py_ssize_t b = 1, nb = (top->n + block - 1) / block; b < nb; b++)
            if (top->bmax[b] > top->bmax[best]) best = b;
        Py_ssize_t lo = best * block, hi = lo + block < top->n ? lo + block : top->n;
        if (hi - lo >= k) {
            for (Py_ssize_t i = 0; i < m; i++) lists[i].probe = 0;
            for (Py_ssize_t p = lo; p < hi; p++) {
                int32_t doc = top->docs[p];
                if (doc < 0 || doc >= n_docs) {
                    bad = 1;
                    goto searched;
                }
                double score = 0.0;
                for (Py_ssize_t i = 0; i < m; i++) {
                    List *l = &lists[i];
                    l->probe = gallop(l->docs, l->n, l->probe, doc);
                    if (l->probe < l->n && l->docs[l->probe] == doc) {
                        double tf = tf_at(l->tfs, tf_size, l->probe);
                        score += l->weight * (tf * k1p1) / (tf + nm[doc]);
                    }
                }
                seeds[p - lo] = score;
            }
            qsort(seeds, (size_t)(hi - lo), sizeof(double), descending);
            seed = seeds[k - 1] - fabs(seeds[k - 1]) * 1e-12;
        }
    }
    double bar = bar_of(hs, size, k);
    if (seed > bar) bar = seed;
    Py_ssize_t first = 0; /* order[first:] are the essential terms */
    while (first < m && prefix[first] < bar) first++;
    while (first < m) {
        /* the next window: WINDOW documents from the first one an essential term holds */
        int32_t lo = INT32_MAX;
        for (Py_ssize_t j = first; j < m; j++) {
            int32_t c = current(&lists[order[j]]);
            if (c < lo) lo = c;
        }
        if (lo == INT32_MAX) break;
        if (lo < 0 || lo >= n_docs) {
            bad = 1;
            break;
        }
        int32_t hi = lo > n_docs - WINDOW ? n_docs : lo + WINDOW;
        double rest = first > 0 ? prefix[first - 1] : 0.0; /* the other terms' bounds */
        /* the essential terms' blocks in the window: if even their maxima and the other
         * terms' bounds fall short, nothing in it can make the top k */
        double most = rest;
        for (Py_ssize_t j = first; j < m; j++) {
            List *l = &lists[order[j]];
            wbound[order[j]] = 0.0;
            if (l->pos >= l->n) continue;
            Py_ssize_t b = l->pos / block;
            float top = l->bmax[b];
            while (l->ends[b] < hi && (b + 1) * block < l->n)
                if (l->bmax[++b] > top) top = l->bmax[b];
            wbound[order[j]] = (double)top * l->scale;
            most += wbound[order[j]];
        }
        if (most < bar) {
            for (Py_ssize_t j = first; j < m; j++) seek(&lists[order[j]], hi);
            continue;
        }
        /* the non-essential terms' bounds in this window, from their blocks in it (found by
         * their last documents): tighter than their highest, so fewer candidates */
        double rest_w = 0.0;
        for (Py_ssize_t j = 0; j < first; j++) {
            List *l = &lists[order[j]];
            double wb = 0.0;
            if (l->pos < l->n && l->docs[l->n - 1] >= lo) {
                Py_ssize_t b = l->pos / block;
                while (l->ends[b] < lo && (b + 1) * block < l->n) b++;
                float top = l->bmax[b];
                while (l->ends[b] < hi && (b + 1) * block < l->n)
                    if (l->bmax[++b] > top) top = l->bmax[b];
                wb = (double)top * l->scale;
                if (wb > bound[order[j]]) wb = bound[order[j]];
            }
            wbound[order[j]] = wb;
            rest_w += wb;
        }
        double all_w = rest_w; /* every term's bound in the window */
        for (Py_ssize_t j = first; j < m; j++) all_w += wbound[order[j]];
        /* term at a time inside the window: each essential term adds to each document it
         * holds a bound on its part, its tf at the smallest norm (no norm is read yet). A
         * posting whose bound and every other term's in the window fall short of the bar
         * is passed over: with the tf it has there, the document cannot make the top k (a
         * frequent term's tf of 1, mostly), and reading on costs one compare. Such a
         * document may still be touched by another term: then its bound lacks this term's
         * part, and it is dropped or scored in full, both right. */
        int32_t last = 0; /* the last document touched, from lo */
        for (Py_ssize_t j = first; j < m; j++) {
            List *l = &lists[order[j]];
            double need = bar - (all_w - wbound[order[j]]);
            uint32_t min_tf = 0;
            while (min_tf < LOW_TFS && l->low[min_tf] < need) min_tf++;
            l->probe = l->pos;
            Py_ssize_t p = l->pos;
            for (; p < l->n && l->docs[p] < hi; p++) {
                if (tf_of(l, tf_size, p) < min_tf) continue;
                int32_t d = l->docs[p] - lo;
                if (d < 0) { /* a list going back: damaged */
                    bad = 1;
                    goto searched;
                }
                acc[d] += bound_at(l, tf_size, p, k1p1, min_norm);
                hit[d >> 6] |= 1ULL << (d & 63);
            }
            if (p > l->pos && l->docs[p - 1] - lo > last) last = l->docs[p - 1] - lo;
            l->pos = p;
        }
        /* the documents touched whose bound reaches the bar, in id order */
        Py_ssize_t nc = 0;
        for (Py_ssize_t word = 0; word <= last / 64; word++) {
            uint64_t bits = hit[word];
            hit[word] = 0;
            for (; bits; bits &= bits - 1) {
                Py_ssize_t d = word * 64 + __builtin_ctzll(bits);
                double reach = acc[d] + rest_w;
                acc[d] = 0.0;
                if (reach < bar) continue;
                cdoc[nc] = lo + (int32_t)d;
                creach[nc++] = reach;
            }
        }
        /* the non-essential terms, highest bound first, term at a time over the candidates
         * (a merge of two ascending lists), keeping those that can still make it */
        for (Py_ssize_t j = first - 1; j >= 0 && nc > 0; j--) {
            List *l = &lists[order[j]];
            double b = wbound[order[j]];
            l->probe = l->pos;
            Py_ssize_t kept = 0;
            for (Py_ssize_t c = 0; c < nc; c++) {
                int32_t doc = cdoc[c];
                double reach = creach[c] - b;
                seek(l, doc);
                if (current(l) == doc) {
                    double part = bound_at(l, tf_size, l->pos, k1p1, min_norm);
                    reach += part < b ? part : b;
                }
                if (reach >= bar) {
                    cdoc[kept] = doc;
                    creach[kept++] = reach;
                }
            }
            nc = kept;
        }
        /* their scores, summed in the order the terms were given, as accumulate's */
        for (Py_ssize_t c = 0; c < nc; c++) {
            int32_t doc = cdoc[c];
            if (creach[c] < bar) continue; /* the bar rose since */
            double score = 0.0, norm_doc = nm[doc];
            for (Py_ssize_t i = 0; i < m; i++) {
                List *l = &lists[i];
                l->probe = gallop(l->docs, l->n, l->probe, doc);
                if (l->probe < l->n && l->docs[l->probe] == doc) {
                    double tf = tf_at(l->tfs, tf_size, l->probe);
                    score += l->weight * (tf * k1p1) / (tf + norm_doc);
                }
            }
            if (size < k) {
                hs[size] = score; hd[size] = doc;
                sift_up(hs, hd, size++);
            } else if (score > hs[0]) { /* a tie loses: earlier documents have lower ids */
                hs[0] = score; hd[0] = doc;
                sift_down(hs, hd, size, 0);
            }
            double raised = bar_of(hs, size, k);
            if (raised > bar) bar = raised; /* the seed only ever raised it */
        }
        while (first < m && prefix[first] < bar) first++;
    }
searched:
    Py_END_ALLOW_THREADS
    if (bad)
        PyErr_SetString(PyExc_ValueError, DAMAGED);
    else
        result = PyLong_FromSsize_t(size);
done: /* the one way out: free what was allocated, release every buffer */
    PyMem_Free(lists); PyMem_Free(order); PyMem_Free(prefix); PyMem_Free(bound);
    PyMem_Free(wbound);
    PyMem_Free(seeds); PyMem_Free(acc); PyMem_Free(hit); PyMem_Free(cdoc); PyMem_Free(creach);
    PyBuffer_Release(&offsets); PyBuffer_Release(&docs); PyBuffer_Release(&tfs);
    PyBuffer_Release(&boffsets); PyBuffer_Release(&bmax); PyBuffer_Release(&bends);
    PyBuffer_Release(&tids);
    PyBuffer_Release(&weights); PyBuffer_Release(&norm); PyBuffer_Release(&heap_docs);
    PyBuffer_Release(&heap_scores);
    return result;
}

/* score(offsets, docs, tfs, tf_size, tids, weights, norm, lengths, k1p1, groups, extra, bar,
 *       out_docs, out_scores, nout) -> nout
 * Every document of the segment holding one of the terms `tids`, with its BM25 score
 * sum_i weights[i] * (tf * k1p1) / (tf + norm[doc]), written to out_docs / out_scores from
 * position nout on, in ascending document order; returns the new count. The caller makes
 * the outputs long enough: min(documents, postings of the terms) more entries suffice.
 * With groups (not None): each score plus extra[groups[doc]] (a document's article's
 * evidence), and only documents whose score reaches `bar` are written.
 *
 * Per document the terms add in the given order, as in the numpy fallback (so the same
 * numbers, bit for bit). With lengths (not None: uint16 per document), norm is a table by
 * length and a document's norm is norm[lengths[doc]], the same number: a posting then reads
 * 2 bytes per document where norm[doc] reads 8, and the table stays in cache. Between two
 * questions the Searcher's own work pushes the per-document arrays out of the cache, and
 * reading them back was a third of this call's time.
 * The postings are taken window by window: WINDOW documents at a time, every term's
 * postings in the window in turn, into a window-sized buffer, so the scores and norms being
 * added to stay in cache. A dense buffer over every document, term
 * after term, missed the cache on nearly every posting and took 1.7 times as long. */

static PyObject *score(PyObject *self, PyObject *args)
{
    Py_buffer offsets, docs, tfs, tids, weights, norm, out_docs, out_scores, groups, extra;
    Py_buffer lengths;
    int tf_size;
    Py_ssize_t nout;
    double k1p1, bar;
    PyObject *groups_obj, *extra_obj, *lengths_obj;
    if (!PyArg_ParseTuple(args, "y*y*y*iy*y*y*OdOOdw*w*n", &offsets, &docs, &tfs, &tf_size,
                          &tids, &weights, &norm, &lengths_obj, &k1p1, &groups_obj, &extra_obj,
                          &bar, &out_docs, &out_scores, &nout))
        return NULL;
    int grouped = groups_obj != Py_None, by_length = lengths_obj != Py_None, failed = 0;
    groups.obj = extra.obj = lengths.obj = NULL;
    if (by_length && PyObject_GetBuffer(lengths_obj, &lengths, PyBUF_SIMPLE) < 0) {
        by_length = 0;
        failed = 1;
    }
    if (!failed && grouped && PyObject_GetBuffer(groups_obj, &groups, PyBUF_SIMPLE) < 0) {
        grouped = 0;
        failed = 1;
    }
    if (!failed && grouped && PyObject_GetBuffer(extra_obj, &extra, PyBUF_SIMPLE) < 0) {
        PyBuffer_Release(&groups);
        grouped = 0;
        failed = 1;
    }
    if (failed) {
        PyBuffer_Release(&offsets); PyBuffer_Release(&docs); PyBuffer_Release(&tfs);
        PyBuffer_Release(&tids); PyBuffer_Release(&weights); PyBuffer_Release(&norm);
        PyBuffer_Release(&out_docs); PyBuffer_Release(&out_scores);
        if (by_length) PyBuffer_Release(&lengths);
        return NULL;
    }
    const uint16_t *length_of = by_length ? lengths.buf : NULL;
    const int32_t *group_of = grouped ? groups.buf : NULL;
    const double *extra_of = grouped ? extra.buf : NULL;
    Py_ssize_t n_groups_of = grouped ? groups.len / 4 : 0, n_extra = grouped ? extra.len / 8 : 0;
    const int64_t *off = offsets.buf, *tid = tids.buf;
    const double *w = weights.buf, *nm = norm.buf;
    const int32_t *all_docs = docs.buf;
    int32_t *od = out_docs.buf;
    double *os = out_scores.buf;
    Py_ssize_t n_terms = offsets.len / 8 - 1, m_given = tids.len / 8, m = 0;
    Py_ssize_t capacity = out_docs.len / 4 < out_scores.len / 8 ? out_docs.len / 4
                                                                : out_scores.len / 8;
    List *lists = PyMem_Calloc((size_t)(m_given ? m_given : 1), sizeof(List));
    double *acc = PyMem_Calloc(WINDOW, sizeof(double)); /* scores, by doc - lo */
    uint64_t *hit = PyMem_Calloc(WINDOW / 64, sizeof(uint64_t)); /* documents touched */
    PyObject *result = NULL;
    if (!lists || !acc || !hit) {
        result = PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < m_given; i++) {
        if (tid[i] < 0 || tid[i] >= n_terms || off[tid[i]] == off[tid[i] + 1]) continue;
        List *l = &lists[m++];
        l->docs = all_docs + off[tid[i]];
        l->tfs = (const char *)tfs.buf + (size_t)off[tid[i]] * (size_t)tf_size;
        l->n = (Py_ssize_t)(off[tid[i] + 1] - off[tid[i]]);
        l->weight = w[i];
        total += l->n;
    }
    /* at most one entry per document: no more than the postings, nor the id range */
    int32_t first_doc = INT32_MAX, last_doc = -1;
    for (Py_ssize_t i = 0; i < m; i++) {
        if (lists[i].docs[0] < first_doc) first_doc = lists[i].docs[0];
        if (lists[i].docs[lists[i].n - 1] > last_doc) last_doc = lists[i].docs[lists[i].n - 1];
    }
    Py_ssize_t need = m ? (Py_ssize_t)last_doc - first_doc + 1 : 0;
    if (total < need) need = total;
    if (nout < 0 || need > capacity - nout) {
        PyErr_SetString(PyExc_ValueError, "score: the outputs are too short");
        goto done;
    }
    /* the callers' per-document arrays cover every document: a posting past them, or
     * before the first, is a damaged index */
    Py_ssize_t n_docs = by_length ? lengths.len / 2 : norm.len / 8;
    if (grouped && n_groups_of < n_docs) n_docs = n_groups_of;
    if (m && (first_doc < 0 || last_doc >= n_docs)) {
        PyErr_SetString(PyExc_ValueError, DAMAGED);
        goto done;
    }
    int bad_group = 0; /* a document whose group has no extra (checked as they come) */
    int bad_postings = 0; /* a list out of order (a damaged index): nothing is read astray */
    Py_BEGIN_ALLOW_THREADS
    for (;;) {
        /* the next window: WINDOW documents from the first one any term holds */
        int32_t lo = INT32_MAX;
        for (Py_ssize_t i = 0; i < m; i++) {
            int32_t c = current(&lists[i]);
            if (c < lo) lo = c;
        }
        if (lo == INT32_MAX) break;
        if (lo < first_doc || lo > last_doc) {
            bad_postings = 1;
            break;
        }
        /* ascending lists end at last_doc: no document past it is read, even a damaged one */
        int32_t hi = lo > last_doc - WINDOW ? last_doc + 1 : lo + WINDOW;
        for (Py_ssize_t i = 0; i < m; i++) {
            List *l = &lists[i];
            Py_ssize_t p = l->pos;
            const double weight = l->weight;
            for (; p < l->n && l->docs[p] < hi; p++) {
                int32_t doc = l->docs[p];
                if (doc < lo) { /* a list going back: damaged */
                    bad_postings = 1;
                    goto scored;
                }
                double tf = tf_at(l->tfs, tf_size, p);
                int32_t d = doc - lo;
                double norm_doc = length_of ? nm[length_of[doc]] : nm[doc];
                acc[d] += weight * (tf * k1p1) / (tf + norm_doc);
                hit[d >> 6] |= (uint64_t)1 << (d & 63);
            }
            l->pos = p;
        }
        for (Py_ssize_t x = 0; x < WINDOW / 64; x++) {
            uint64_t bits = hit[x];
            hit[x] = 0;
            while (bits) {
                int32_t d = (int32_t)(x * 64 + __builtin_ctzll(bits));
                bits &= bits - 1;
                double value = acc[d];
                acc[d] = 0.0;
                if (grouped) {
                    int32_t g = group_of[lo + d];
                    if (g < 0 || g >= n_extra) {
                        bad_group = 1;
                        continue;
                    }
                    value = value + extra_of[g];
                    if (!(value >= bar)) continue;
                }
                od[nout] = lo + d;
                os[nout++] = value;
            }
        }
    }
scored:
    Py_END_ALLOW_THREADS
    if (bad_postings)
        PyErr_SetString(PyExc_ValueError, DAMAGED);
    else if (bad_group)
        PyErr_SetString(PyExc_ValueError, "score: a document's group has no extra");
    else
        result = PyLong_FromSsize_t(nout);
done:
    PyMem_Free(lists); PyMem_Free(acc); PyMem_Free(hit);
    PyBuffer_Release(&offsets); PyBuffer_Release(&docs); PyBuffer_Release(&tfs);
    PyBuffer_Release(&tids); PyBuffer_Release(&weights); PyBuffer_Release(&norm);
    PyBuffer_Release(&out_docs); PyBuffer_Release(&out_scores);
    if (grouped) {
        PyBuffer_Release(&groups);
        PyBuffer_Release(&extra);
    }
    if (by_length) PyBuffer_Release(&lengths);
    return result;
}

/* presence(offsets, docs, tids, wanted, out) -> None
 * out[i * len(wanted) + j] |= 1 if the segment's postings of term tids[i] hold wanted[j]
 * (wanted ascending): which of a few documents hold which query terms, by galloping
 * through each term's list once. */
static PyObject *presence(PyObject *self, PyObject *args)
{
    Py_buffer offsets, docs, tids, wanted, out;
    if (!PyArg_ParseTuple(args, "y*y*y*y*w*", &offsets, &docs, &tids, &wanted, &out))
        return NULL;
    const int64_t *off = offsets.buf, *tid = tids.buf;
    const int32_t *all_docs = docs.buf, *want = wanted.buf;
    uint8_t *o = out.buf;
    Py_ssize_t n_terms = offsets.len / 8 - 1, m = tids.len / 8, n = wanted.len / 4;
    PyObject *result = NULL;
    if (out.len < m * n) {
        PyErr_SetString(PyExc_ValueError, "presence: the output is too short");
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < m; i++) {
        if (tid[i] < 0 || tid[i] >= n_terms) continue;
        const int32_t *d = all_docs + off[tid[i]];
        Py_ssize_t len = (Py_ssize_t)(off[tid[i] + 1] - off[tid[i]]), pos = 0;
        for (Py_ssize_t j = 0; j < n && pos < len; j++) {
            pos = gallop(d, len, pos, want[j]);
            if (pos < len && d[pos] == want[j]) o[i * n + j] = 1;
        }
    }
    Py_END_ALLOW_THREADS
    result = Py_None;
    Py_INCREF(result);
done:
    PyBuffer_Release(&offsets); PyBuffer_Release(&docs); PyBuffer_Release(&tids);
    PyBuffer_Release(&wanted); PyBuffer_Release(&out);
    return result;
}

static PyMethodDef methods[] = {
    {"presence", presence, METH_VARARGS, "Which of some documents hold which terms."},
    {"score", score, METH_VARARGS, "Every matching document's BM25 score, window by window."},
    {"blockmax", blockmax, METH_VARARGS, "Per block of postings, the largest tf part."},
    {"topk", topk, METH_VARARGS, "Document-at-a-time top k with block-max pruning."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernel", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernel(void)
{
    PyObject *m = PyModule_Create(&module);
    if (m && PyModule_AddStringConstant(m, "DAMAGED", DAMAGED) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
