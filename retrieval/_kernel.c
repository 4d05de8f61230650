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
#include <string.h>

static inline double tf_at(const void *tfs, int tf_size, Py_ssize_t i)
{
    return tf_size == 2 ? (double)((const uint16_t *)tfs)[i] : (double)((const int32_t *)tfs)[i];
}

/* accumulate(docs, tfs, tf_size, norm, scores, seen, cand, ncand, weight, k1p1) -> ncand
 * scores[d] += weight * (tf * k1p1) / (tf + norm[d]) for each posting (d, tf); documents seen
 * for the first time are appended to cand. */
static PyObject *accumulate(PyObject *self, PyObject *args)
{
    Py_buffer docs, tfs, norm, scores, seen, cand;
    int tf_size;
    Py_ssize_t ncand;
    double weight, k1p1;
    if (!PyArg_ParseTuple(args, "y*y*iy*w*w*w*ndd", &docs, &tfs, &tf_size, &norm, &scores, &seen,
                          &cand, &ncand, &weight, &k1p1))
        return NULL;
    const int32_t *d = docs.buf;
    const double *nm = norm.buf;
    double *sc = scores.buf;
    uint8_t *sn = seen.buf;
    int32_t *cd = cand.buf;
    Py_ssize_t n = docs.len / 4;
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++) {
        int32_t doc = d[i];
        double tf = tf_at(tfs.buf, tf_size, i);
        sc[doc] += weight * (tf * k1p1) / (tf + nm[doc]);
        if (!sn[doc]) {
            sn[doc] = 1;
            cd[ncand++] = doc;
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&docs); PyBuffer_Release(&tfs); PyBuffer_Release(&norm);
    PyBuffer_Release(&scores); PyBuffer_Release(&seen); PyBuffer_Release(&cand);
    return PyLong_FromSsize_t(ncand);
}

/* update(docs, tfs, tf_size, norm, scores, live, nlive, weight, k1p1) -> None
 * Like accumulate, but only for the documents in `live` (ascending): postings of other
 * documents are skipped by galloping search, so a long list costs O(nlive log n). */
static PyObject *update(PyObject *self, PyObject *args)
{
    Py_buffer docs, tfs, norm, scores, live;
    int tf_size;
    Py_ssize_t nlive;
    double weight, k1p1;
    if (!PyArg_ParseTuple(args, "y*y*iy*w*y*ndd", &docs, &tfs, &tf_size, &norm, &scores, &live,
                          &nlive, &weight, &k1p1))
        return NULL;
    const int32_t *d = docs.buf;
    const int32_t *lv = live.buf;
    const double *nm = norm.buf;
    double *sc = scores.buf;
    Py_ssize_t n = docs.len / 4;
    Py_BEGIN_ALLOW_THREADS
    Py_ssize_t lo = 0; /* every posting before lo is < the current target */
    for (Py_ssize_t j = 0; j < nlive && lo < n; j++) {
        int32_t target = lv[j];
        if (d[lo] < target) {
            /* gallop: d[lo + bound / 2] < target, then d[lo + bound] >= target or past the end */
            Py_ssize_t bound = 1;
            while (lo + bound < n && d[lo + bound] < target) bound <<= 1;
            Py_ssize_t left = lo + bound / 2 + 1, right = lo + bound < n ? lo + bound : n;
            while (left < right) { /* lower bound in [left, right) */
                Py_ssize_t mid = left + (right - left) / 2;
                if (d[mid] < target) left = mid + 1; else right = mid;
            }
            lo = left;
        }
        if (lo < n && d[lo] == target) {
            double tf = tf_at(tfs.buf, tf_size, lo);
            sc[target] += weight * (tf * k1p1) / (tf + nm[target]);
            lo++;
        }
    }
    Py_END_ALLOW_THREADS
    PyBuffer_Release(&docs); PyBuffer_Release(&tfs); PyBuffer_Release(&norm);
    PyBuffer_Release(&scores); PyBuffer_Release(&live);
    Py_RETURN_NONE;
}

/* kth(cand, ncand, scores, k) -> float: the k-th largest of scores[cand[:ncand]] (k <= ncand),
 * kept in a small min-heap, so the cost is O(ncand log k) with no allocation beyond k. */
static PyObject *kth(PyObject *self, PyObject *args)
{
    Py_buffer cand, scores;
    Py_ssize_t ncand, k;
    if (!PyArg_ParseTuple(args, "y*ny*n", &cand, &ncand, &scores, &k))
        return NULL;
    if (k <= 0 || k > ncand) {
        PyBuffer_Release(&cand); PyBuffer_Release(&scores);
        PyErr_SetString(PyExc_ValueError, "k must be in 1..ncand");
        return NULL;
    }
    double *heap = PyMem_Malloc(sizeof(double) * (size_t)k);
    if (!heap) {
        PyBuffer_Release(&cand); PyBuffer_Release(&scores);
        return PyErr_NoMemory();
    }
    const int32_t *cd = cand.buf;
    const double *sc = scores.buf;
    Py_ssize_t size = 0;
    for (Py_ssize_t i = 0; i < ncand; i++) {
        double v = sc[cd[i]];
        if (size < k) { /* sift up */
            Py_ssize_t c = size++;
            heap[c] = v;
            while (c > 0) {
                Py_ssize_t p = (c - 1) / 2;
                if (heap[p] <= heap[c]) break;
                double t = heap[p]; heap[p] = heap[c]; heap[c] = t;
                c = p;
            }
        } else if (v > heap[0]) { /* replace the root, sift down */
            heap[0] = v;
            Py_ssize_t p = 0;
            for (;;) {
                Py_ssize_t l = 2 * p + 1, r = l + 1, m = p;
                if (l < k && heap[l] < heap[m]) m = l;
                if (r < k && heap[r] < heap[m]) m = r;
                if (m == p) break;
                double t = heap[p]; heap[p] = heap[m]; heap[m] = t;
                p = m;
            }
        }
    }
    double result = heap[0];
    PyMem_Free(heap);
    PyBuffer_Release(&cand); PyBuffer_Release(&scores);
    return PyFloat_FromDouble(result);
}

/* collect(cand, ncand, scores, seen, out) -> None
 * out[i] = scores[cand[i]], then scores[cand[i]] = 0 and seen[cand[i]] = 0: read the
 * candidates' scores and leave the scratch buffers clean for the next query, in one pass. */
static PyObject *collect(PyObject *self, PyObject *args)
{
    Py_buffer cand, scores, seen, out;
    Py_ssize_t ncand;
    if (!PyArg_ParseTuple(args, "y*nw*w*w*", &cand, &ncand, &scores, &seen, &out))
        return NULL;
    const int32_t *cd = cand.buf;
    double *sc = scores.buf, *o = out.buf;
    uint8_t *sn = seen.buf;
    for (Py_ssize_t i = 0; i < ncand; i++) {
        int32_t doc = cd[i];
        o[i] = sc[doc];
        sc[doc] = 0.0;
        sn[doc] = 0;
    }
    PyBuffer_Release(&cand); PyBuffer_Release(&scores); PyBuffer_Release(&seen);
    PyBuffer_Release(&out);
    Py_RETURN_NONE;
}

/* clear(cand, ncand, scores, seen) -> None: scores[cand[i]] = 0 and seen[cand[i]] = 0. */
static PyObject *clear(PyObject *self, PyObject *args)
{
    Py_buffer cand, scores, seen;
    Py_ssize_t ncand;
    if (!PyArg_ParseTuple(args, "y*nw*w*", &cand, &ncand, &scores, &seen))
        return NULL;
    const int32_t *cd = cand.buf;
    double *sc = scores.buf;
    uint8_t *sn = seen.buf;
    for (Py_ssize_t i = 0; i < ncand; i++) {
        sc[cd[i]] = 0.0;
        sn[cd[i]] = 0;
    }
    PyBuffer_Release(&cand); PyBuffer_Release(&scores); PyBuffer_Release(&seen);
    Py_RETURN_NONE;
}

static PyMethodDef methods[] = {
    {"clear", clear, METH_VARARGS, "Clear the candidates' scratch entries."},
    {"collect", collect, METH_VARARGS, "Read candidates' scores and clear the buffers."},
    {"accumulate", accumulate, METH_VARARGS, "Add one term's BM25 contributions."},
    {"update", update, METH_VARARGS, "Add one term's contributions to the live documents."},
    {"kth", kth, METH_VARARGS, "The k-th largest candidate score."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_kernel", NULL, -1, methods};

PyMODINIT_FUNC PyInit__kernel(void) { return PyModule_Create(&module); }
