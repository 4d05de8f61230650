/* Newsbot's tokenizer front end: the Analyzer's token pattern and term cache, in C.
 *
 * Scanner.scan(texts, resolve) finds the tokens of each text exactly as
 * retrieval.analysis._TOKEN.findall does, and looks each surface form up in a hash table of
 * the forms seen before. Only a form seen for the first time goes to Python: resolve(raw)
 * returns (term, fold, flags), which the table keeps. A token therefore costs no Python object
 * at all once its form is known, which is what makes building from raw text fast.
 *
 *   term   id of the form's index term in the caller's term list, or -1 (a stopword: dropped)
 *   fold   id of the form's case-folded spelling when the form is capitalised and that
 *          spelling is not a stopword (a name, for the passage cue), else -1
 *   flags  NUMBER: the form holds a decimal digit or its term is a number word
 *
 * Result: (ids, lengths, cues) as bytes: the kept term ids of every text, int32, one after
 * the other; each text's number of kept terms, int32; each text's cue byte (HAS_NUMBER plus
 * how many distinct names, at most 127), as Analyzer.passage computes it.
 *
 * Scanner.spans(text, resolve) looks up one text's tokens the same way and gives (term id,
 * start, end) for each kept token, as int64 triples in bytes: the words of a shown passage to
 * highlight, and its terms for the near-duplicate test, at query time.
 *
 * Character classes follow the re module's for str patterns: \w is str.isalnum() or "_", \d is
 * a Unicode decimal digit (str.isdecimal()). A combining mark (set_marks: the ranges of
 * retrieval.marks) goes on the word before it, as _TOKEN's _ON reads it.
 *
 * rows(cls, setters, columns) builds many objects of a slotted class at once, as
 * object.__new__(cls) and each slot's descriptor __set__ would (no __init__): decoding a stored
 * article makes dozens of Paragraphs, and a Python call per paragraph had been half of what
 * decoding cost (retrieval.store.decode_article).
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#define NUMBER 1
#define HAS_NUMBER 0x80
#define NAMES_MASK 0x7F
#define MAX_FORMS 2000000 /* by default the table is emptied beyond this many forms */

enum { ALNUM = 1, DECIMAL = 2, MARK = 4 }; /* [^\W_], \d; a decimal digit is also alnum */
#define ON (ALNUM | MARK) /* what continues a word */

static unsigned char ascii_class[128];
static uint32_t *marks;     /* first and last code point of each range of marks, in order */
static Py_ssize_t n_marks; /* ranges */

static int is_mark(Py_UCS4 c)
{
    Py_ssize_t lo = 0, hi = n_marks;
    while (lo < hi) { /* the first range whose last code point is c or after */
        Py_ssize_t mid = (lo + hi) / 2;
        if (marks[2 * mid + 1] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n_marks && marks[2 * lo] <= c;
}

/* Han characters, kana and the iteration marks (retrieval.analysis.CJK_RANGES): each is a
 * token of its own, as Chinese and Japanese write no spaces between words */
static int is_cjk(Py_UCS4 c)
{
    return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3040 && c <= 0x30FF) ||
           (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x3134F);
}

static inline int char_class(Py_UCS4 c)
{
    if (c < 128)
        return ascii_class[c];
    if (Py_UNICODE_ISALNUM(c))
        return ALNUM | (Py_UNICODE_ISDECIMAL(c) ? DECIMAL : 0);
    return c >= 0x300 && is_mark(c) ? MARK : 0;
}

/* A letter or digit of a script written with spaces (_SPACED): what a word or a number reads
 * on over, and what may not follow one; a Chinese or Japanese character ends it ("2024年") */
static inline int spaced(Py_UCS4 c)
{
    return (char_class(c) & ALNUM) && !(c >= 0x3005 && is_cjk(c));
}

/* a letter (no digit) of a script written with spaces: the letters joined by "&" (AT&T) */
static inline int spaced_letter(Py_UCS4 c)
{
    return char_class(c) == ALNUM && !(c >= 0x3005 && is_cjk(c));
}

/* ON but a Chinese or Japanese letter (a combining mark of theirs, U+3099, reads on, as
 * any mark does) */
static inline int spaced_on(Py_UCS4 c)
{
    int k = char_class(c);
    return (k & ON) && !((k & ALNUM) && c >= 0x3005 && is_cjk(c));
}

/* The end of the token that starts at i, or 0 when none does (the caller moves on one
 * character). The alternatives of _TOKEN, in its order:
 *   (?:[^\W\d_]\.){2,}                 a dotted acronym
 *   [^\W\d_]\.[^\W\d_](?![^\W_])        one without its last dot: U.S
 *   \d\d?/\d\d?(?![^\W_]|[.,]\d)          a slash number: 9/11, 24/7
 *   \d+(?:[.,]\d+)+[^\W\d_][^\W_]*(?:['’][^\W_]+)*   an amount run into letters: 27.9bn
 *   \d+(?:[.,]\d+)*(?![^\W_])          a number not run into a letter
 *   [^\W\d_]{1,3}&[^\W\d_]{1,3}(?![^\W_])(?:['’][^\W_]ON*)*   letters joined by "&": AT&T
 *   (?:[Cc]\+\+|[CcFf]#)(?![^\W_])    C++, C#, F#
 *   [CJK]                              one Chinese or Japanese character
 *   [b-ce-hj-mp-qs-zB-CE-HJ-MP-QS-Z]-[A-Za-z]ON*(?:['’][^\W_]ON*)*   a letter hyphened
 *                          to a word, not a, d, i, n, o or r: e-mail, T-Mobile (not R-Ohio,
 *                          Mar-a-Lago)
 *   [^\W_]ON*(?:['’][^\W_]ON*)*        a word, with inner apostrophes
 * where ON is a letter, a digit or a combining mark (and the amount's letters read on as a
 * word's do) */
static Py_ssize_t token_end(int kind, const void *data, Py_ssize_t n, Py_ssize_t i)
{
#define AT(j) PyUnicode_READ(kind, data, (j))
    int first = char_class(AT(i));
    if (!(first & ALNUM))
        return 0;
    Py_ssize_t j;
    if (!(first & DECIMAL)) { /* a letter: a dotted acronym? */
        Py_ssize_t pairs = 0;
        for (j = i; j + 1 < n && char_class(AT(j)) == ALNUM && AT(j + 1) == '.'; j += 2)
            pairs++;
        if (pairs >= 2)
            return j;
        /* "U.S": a letter, a dot, a letter, and no letter or digit after it */
        if (pairs == 1 && j < n && char_class(AT(j)) == ALNUM && !(j + 1 < n && spaced(AT(j + 1))))
            return j + 1;
        /* one to three letters, "&", one to three letters and no letter or digit after
         * them: AT&T, S&P (then a word's inner apostrophes, read below) */
        for (j = i; j < n && j < i + 4 && spaced_letter(AT(j)); j++)
            ;
        if (j - i <= 3 && j + 1 < n && AT(j) == '&' && spaced_letter(AT(j + 1))) {
            Py_ssize_t amp = j;
            for (j = amp + 1; j < n && j < amp + 5 && spaced_letter(AT(j)); j++)
                ;
            if (j - amp <= 4 && !(j < n && spaced(AT(j)))) {
                while (j + 1 < n && (AT(j) == '\'' || AT(j) == 0x2019) && spaced(AT(j + 1)))
                    for (j++; j < n && spaced_on(AT(j)); j++)
                        ;
                return j;
            }
        }
        /* C++, C#, F#: a programming language, not the letter */
        Py_UCS4 l = AT(i);
        if (l >= 0x3005 && is_cjk(l)) /* a Chinese or Japanese character: a token alone */
            return i + 1;
        if ((l == 'C' || l == 'c') && i + 2 < n && AT(i + 1) == '+' && AT(i + 2) == '+' &&
            !(i + 3 < n && spaced(AT(i + 3))))
            return i + 3;
        if ((l == 'C' || l == 'c' || l == 'F' || l == 'f') && i + 1 < n && AT(i + 1) == '#' &&
            !(i + 2 < n && spaced(AT(i + 2))))
            return i + 2;
        /* a Latin letter but d, i or r (a party: R-Ohio) or a, o or n (which join words:
         * Mar-a-Lago, jack-o-lantern, rock-n-roll), a hyphen and a word that starts with a
         * Latin letter (either case): the word is read on from there, as one token with the
         * letter (e-mail, T-Mobile, K-pop); the hyphen may be U+2010 or U+2011 ("T‑Mobile") */
        Py_UCS4 c = AT(i) | 0x20, d = i + 2 < n ? AT(i + 2) : 0;
        if (i + 2 < n && c >= 'a' && c <= 'z' && !strchr("adinor", (int)c) &&
            (AT(i + 1) == '-' || AT(i + 1) == 0x2010 || AT(i + 1) == 0x2011) &&
            ((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z')))
            i += 2;
    } else {
        /* a slash number: one or two digits, "/", one or two digits, not run into a letter,
         * a digit or a decimal part */
        for (j = i; j < n && j < i + 3 && (char_class(AT(j)) & DECIMAL); j++)
            ;
        if (j - i <= 2 && j + 1 < n && AT(j) == '/' && (char_class(AT(j + 1)) & DECIMAL)) {
            Py_ssize_t slash = j;
            for (j = slash + 1; j < n && j < slash + 4 && (char_class(AT(j)) & DECIMAL); j++)
                ;
            if (j - slash <= 3 && !(j < n && spaced(AT(j))) &&
                !(j + 1 < n && (AT(j) == '.' || AT(j) == ',') && (char_class(AT(j + 1)) & DECIMAL)))
                return j;
        }
        /* a number: the longest run of groups whose end is not followed by alnum */
        for (j = i; j < n && (char_class(AT(j)) & DECIMAL); j++)
            ;
        Py_ssize_t end = j, before = -1;
        while (end + 1 < n && (AT(end) == '.' || AT(end) == ',') &&
               (char_class(AT(end + 1)) & DECIMAL)) {
            for (j = end + 1; j < n && (char_class(AT(j)) & DECIMAL); j++)
                ;
            before = end;
            end = j;
        }
        if (end >= n || !spaced(AT(end)))
            return end;
        /* the digits run into a letter: with a "." or "," among them ("27.9bn") the amount
         * and its letters are one token, read on as a word from there; else it is a word */
        if (before >= 0)
            i = end;
    }
    for (j = i + 1; j < n && spaced_on(AT(j)); j++)
        ;
    while (j + 1 < n && (AT(j) == '\'' || AT(j) == 0x2019) && spaced(AT(j + 1)))
        for (j++; j < n && spaced_on(AT(j)); j++)
            ;
    return j;
#undef AT
}

#define INLINE 14 /* forms this short, all in Latin-1, are kept in the entry itself */

typedef struct {
    int32_t term;
    int32_t fold;
    uint8_t flags;
    uint8_t size;             /* > 0: the form is inline[0:size] (Latin-1); 0: see form */
    unsigned char inline_[INLINE];
    PyObject *form;           /* a longer or wider form (a str), else NULL */
} Entry;

/* The table: open addressing over slots {tag, entry number + 1}, entries kept densely in the
 * order first seen. A slot is 8 bytes and the tag (the hash's high half) rules out almost
 * every wrong entry without reading it; the common forms, seen first, share cache lines. */
typedef struct {
    uint32_t tag;
    uint32_t entry; /* 0: empty */
} Slot;

typedef struct {
    PyObject_HEAD
    Slot *slots;
    Py_ssize_t cap; /* slots: a power of two */
    Entry *entries;
    Py_ssize_t used, room;
    uint32_t *stamp; /* per fold id: the text that last counted it as a name */
    Py_ssize_t stamp_cap;
    uint32_t serial;
    int busy;
    Py_ssize_t limit; /* more forms than this empty the table: unbounded input, bounded memory */
    int collide;
} Scanner;

static uint64_t form_hash(const Scanner *s, int kind, const void *data, Py_ssize_t start,
                          Py_ssize_t end)
{
    if (s->collide) /* for tests: forms of one length all collide, comparisons decide */
        return (uint64_t)(end - start) * 0x9e3779b97f4a7c15ULL;
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a over code points: the same for any kind */
    for (Py_ssize_t j = start; j < end; j++) {
        h ^= PyUnicode_READ(kind, data, j);
        h *= 0x100000001b3ULL;
    }
    return h ^ (h >> 29);
}

static int same_form(const Entry *e, int kind, const void *data, Py_ssize_t start,
                     Py_ssize_t len)
{
    int fkind = PyUnicode_1BYTE_KIND;
    const void *fdata = e->inline_;
    if (e->size) {
        if (e->size != len)
            return 0;
    } else {
        if (PyUnicode_GET_LENGTH(e->form) != len)
            return 0;
        fkind = PyUnicode_KIND(e->form);
        fdata = PyUnicode_DATA(e->form);
    }
    if (fkind == kind)
        return memcmp(fdata, (const char *)data + start * kind, (size_t)(len * kind)) == 0;
    for (Py_ssize_t j = 0; j < len; j++)
        if (PyUnicode_READ(fkind, fdata, j) != PyUnicode_READ(kind, data, start + j))
            return 0;
    return 1;
}

static void clear_table(Scanner *s)
{
    for (Py_ssize_t i = 0; i < s->used; i++)
        Py_CLEAR(s->entries[i].form);
    if (s->slots)
        memset(s->slots, 0, (size_t)s->cap * sizeof(Slot));
    s->used = 0;
}

static uint64_t entry_hash(const Scanner *s, const Entry *e)
{
    if (e->size)
        return form_hash(s, PyUnicode_1BYTE_KIND, e->inline_, 0, e->size);
    return form_hash(s, PyUnicode_KIND(e->form), PyUnicode_DATA(e->form), 0,
                     PyUnicode_GET_LENGTH(e->form));
}

static void place(Slot *slots, Py_ssize_t cap, uint64_t h, uint32_t entry)
{
    size_t mask = (size_t)cap - 1, i = (size_t)h & mask;
    while (slots[i].entry)
        i = (i + 1) & mask;
    slots[i] = (Slot){(uint32_t)(h >> 32), entry};
}

static int grow_slots(Scanner *s)
{
    Py_ssize_t cap = s->cap ? s->cap * 2 : 1 << 14;
    Slot *slots = PyMem_Calloc((size_t)cap, sizeof(Slot));
    if (!slots) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < s->used; i++)
        place(slots, cap, entry_hash(s, &s->entries[i]), (uint32_t)(i + 1));
    PyMem_Free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

/* The entry for text[start:end]: found, or made by asking resolve. NULL on error. */
static Entry *lookup(Scanner *s, PyObject *text, int kind, const void *data, Py_ssize_t start,
                     Py_ssize_t end, uint64_t h, PyObject *resolve)
{
    uint32_t tag = (uint32_t)(h >> 32);
    size_t mask = (size_t)s->cap - 1, i = (size_t)h & mask;
    for (; s->slots[i].entry; i = (i + 1) & mask) {
        Entry *e = &s->entries[s->slots[i].entry - 1];
        if (s->slots[i].tag == tag && same_form(e, kind, data, start, end - start))
            return e;
    }
    PyObject *form = PyUnicode_Substring(text, start, end);
    if (!form)
        return NULL;
    PyObject *got = PyObject_CallOneArg(resolve, form);
    int term, fold, flags;
    if (!got || !PyArg_ParseTuple(got, "iii;resolve must return (term, fold, flags)", &term,
                                  &fold, &flags)) {
        Py_XDECREF(got);
        Py_DECREF(form);
        return NULL;
    }
    Py_DECREF(got);
    if (fold >= 0 && fold >= s->stamp_cap) {
        Py_ssize_t cap = s->stamp_cap ? s->stamp_cap : 1024;
        while (cap <= fold)
            cap *= 2;
        uint32_t *stamp = PyMem_Realloc(s->stamp, (size_t)cap * sizeof(uint32_t));
        if (!stamp) {
            Py_DECREF(form);
            PyErr_NoMemory();
            return NULL;
        }
        memset(stamp + s->stamp_cap, 0, (size_t)(cap - s->stamp_cap) * sizeof(uint32_t));
        s->stamp = stamp;
        s->stamp_cap = cap;
    }
    if (s->used == s->room) {
        Py_ssize_t room = s->room ? s->room * 2 : 1 << 12;
        Entry *entries = PyMem_Realloc(s->entries, (size_t)room * sizeof(Entry));
        if (!entries) {
            Py_DECREF(form);
            PyErr_NoMemory();
            return NULL;
        }
        s->entries = entries;
        s->room = room;
    }
    Entry *e = &s->entries[s->used];
    *e = (Entry){term, fold, (uint8_t)flags, 0, {0}, NULL};
    Py_ssize_t len = end - start;
    if (PyUnicode_KIND(form) == PyUnicode_1BYTE_KIND && len <= INLINE) {
        e->size = (uint8_t)len;
        memcpy(e->inline_, PyUnicode_DATA(form), (size_t)len);
        Py_DECREF(form);
    } else {
        e->form = form;
    }
    s->used++;
    if (s->used * 2 > s->cap) {
        if (grow_slots(s) < 0) { /* the table stays whole: the slots do not know this entry */
            Py_CLEAR(e->form);
            s->used--;
            return NULL;
        }
    } else {
        place(s->slots, s->cap, h, (uint32_t)s->used);
    }
    return e;
}

typedef struct {
    char *buf;
    Py_ssize_t len, cap;
} Buffer;

static int put(Buffer *b, const void *item, Py_ssize_t size)
{
    if (b->len + size > b->cap) {
        Py_ssize_t cap = b->cap ? b->cap * 2 : 1 << 16;
        while (cap < b->len + size)
            cap *= 2;
        char *buf = PyMem_Realloc(b->buf, (size_t)cap);
        if (!buf) {
            PyErr_NoMemory();
            return -1;
        }
        b->buf = buf;
        b->cap = cap;
    }
    memcpy(b->buf + b->len, item, (size_t)size);
    b->len += size;
    return 0;
}

#define WINDOW 32 /* tokens found ahead of their lookups, whose table reads are prefetched */

typedef struct {
    Py_ssize_t start, end;
    uint64_t hash;
} Token;

/* One text: append its kept term ids to ids; return its cue byte, or -1 on error.
 * Tokens are found a window at a time and the table lines they need are prefetched, slots
 * first, then entries, before any is looked up: the lookups of rare forms miss the cache, and
 * this way their misses overlap instead of queueing one after another. */
static int scan_text(Scanner *s, PyObject *text, PyObject *resolve, Buffer *ids)
{
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (++s->serial == 0) { /* wrapped: forget every stamp */
        if (s->stamp)
            memset(s->stamp, 0, (size_t)s->stamp_cap * sizeof(uint32_t));
        s->serial = 1;
    }
    int names = 0, number = 0;
    Token window[WINDOW];
    for (Py_ssize_t i = 0; i < n;) {
        int m = 0;
        size_t mask = (size_t)s->cap - 1;
        while (m < WINDOW && i < n) {
            Py_ssize_t end = token_end(kind, data, n, i);
            if (!end) {
                i++;
                continue;
            }
            uint64_t h = form_hash(s, kind, data, i, end);
            __builtin_prefetch(&s->slots[h & mask]);
            window[m++] = (Token){i, end, h};
            i = end;
        }
        for (int k = 0; k < m; k++) {
            const Slot *slot = &s->slots[window[k].hash & mask];
            if (slot->entry && slot->tag == (uint32_t)(window[k].hash >> 32))
                __builtin_prefetch(&s->entries[slot->entry - 1]);
        }
        for (int k = 0; k < m; k++) {
            Entry *e = lookup(s, text, kind, data, window[k].start, window[k].end,
                              window[k].hash, resolve);
            if (!e)
                return -1;
            if (e->term >= 0 && put(ids, &e->term, sizeof(int32_t)) < 0)
                return -1;
            number |= e->flags & NUMBER;
            if (e->fold >= 0 && s->stamp[e->fold] != s->serial) {
                s->stamp[e->fold] = s->serial;
                names++;
            }
        }
    }
    return (names < NAMES_MASK ? names : NAMES_MASK) | (number ? HAS_NUMBER : 0);
}

static PyObject *Scanner_scan(Scanner *s, PyObject *args)
{
    PyObject *texts, *resolve;
    if (!PyArg_ParseTuple(args, "OO:scan", &texts, &resolve))
        return NULL;
    if (s->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Scanner.scan is already running (one at a time)");
        return NULL;
    }
    PyObject *seq = PySequence_Fast(texts, "scan: texts must be a sequence of str");
    if (!seq)
        return NULL;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(seq);
    Buffer ids = {0}, lengths = {0}, cues = {0};
    PyObject *result = NULL;
    s->busy = 1;
    if (!s->slots && grow_slots(s) < 0)
        goto done;
    for (Py_ssize_t t = 0; t < count; t++) {
        PyObject *text = PySequence_Fast_GET_ITEM(seq, t);
        if (!PyUnicode_Check(text)) {
            PyErr_Format(PyExc_TypeError, "scan: texts[%zd] is %.100s, not str", t,
                         Py_TYPE(text)->tp_name);
            goto done;
        }
        if (s->used > s->limit)
            clear_table(s); /* between texts: a text's name stamps stay consistent */
        Py_ssize_t before = ids.len;
        int cue = scan_text(s, text, resolve, &ids);
        if (cue < 0)
            goto done;
        int32_t kept = (int32_t)((ids.len - before) / (Py_ssize_t)sizeof(int32_t));
        unsigned char byte = (unsigned char)cue;
        if (put(&lengths, &kept, sizeof kept) < 0 || put(&cues, &byte, 1) < 0)
            goto done;
    }
    result = Py_BuildValue("y#y#y#", ids.buf ? ids.buf : "", ids.len,
                           lengths.buf ? lengths.buf : "", lengths.len,
                           cues.buf ? cues.buf : "", cues.len);
done: /* the one way out */
    s->busy = 0;
    PyMem_Free(ids.buf);
    PyMem_Free(lengths.buf);
    PyMem_Free(cues.buf);
    Py_DECREF(seq);
    return result;
}

/* spans(text, resolve) -> bytes: (term id, start, end) as int64 triples for each kept token
 * of one text, in order; start and end index the str. For answers: the words to highlight and
 * a passage's terms, without a Python object per token. */
static PyObject *Scanner_spans(Scanner *s, PyObject *args)
{
    PyObject *text, *resolve;
    if (!PyArg_ParseTuple(args, "UO:spans", &text, &resolve))
        return NULL;
    if (s->busy) {
        PyErr_SetString(PyExc_RuntimeError, "Scanner.spans: the scanner is busy (one at a time)");
        return NULL;
    }
    Buffer out = {0};
    PyObject *result = NULL;
    s->busy = 1;
    if (!s->slots && grow_slots(s) < 0)
        goto done;
    if (s->used > s->limit)
        clear_table(s);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < n;) {
        Py_ssize_t end = token_end(kind, data, n, i);
        if (!end) {
            i++;
            continue;
        }
        Entry *e = lookup(s, text, kind, data, i, end, form_hash(s, kind, data, i, end), resolve);
        if (!e)
            goto done;
        if (e->term >= 0) {
            int64_t triple[3] = {e->term, i, end};
            if (put(&out, triple, sizeof triple) < 0)
                goto done;
        }
        i = end;
    }
    result = PyBytes_FromStringAndSize(out.buf ? out.buf : "", out.len);
done:
    s->busy = 0;
    PyMem_Free(out.buf);
    return result;
}

static PyObject *Scanner_tokens(PyObject *Py_UNUSED(self), PyObject *arg)
{ /* the surface forms of one text, as _TOKEN.findall gives them: for tests */
    if (!PyUnicode_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "tokens: text must be str");
        return NULL;
    }
    int kind = PyUnicode_KIND(arg);
    const void *data = PyUnicode_DATA(arg);
    Py_ssize_t n = PyUnicode_GET_LENGTH(arg);
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < n;) {
        Py_ssize_t end = token_end(kind, data, n, i);
        if (!end) {
            i++;
            continue;
        }
        PyObject *form = PyUnicode_Substring(arg, i, end);
        if (!form || PyList_Append(out, form) < 0)
            Py_CLEAR(out);
        Py_XDECREF(form);
        i = end;
    }
    return out;
}

static PyObject *Scanner_len(Scanner *s, PyObject *Py_UNUSED(ignored))
{
    return PyLong_FromSsize_t(s->used);
}

static int Scanner_init(Scanner *s, PyObject *args, PyObject *kwargs)
{
    static char *keywords[] = {"limit", "collide", NULL};
    Py_ssize_t limit = MAX_FORMS;
    int collide = 0;
    if (!PyArg_ParseTupleAndKeywords(args, kwargs, "|n$p:Scanner", keywords, &limit, &collide))
        return -1;
    if (limit < 1) {
        PyErr_SetString(PyExc_ValueError, "Scanner: limit must be at least 1");
        return -1;
    }
    s->limit = limit;
    s->collide = collide;
    return 0;
}

static void Scanner_dealloc(Scanner *s)
{
    clear_table(s);
    PyMem_Free(s->slots);
    PyMem_Free(s->entries);
    PyMem_Free(s->stamp);
    Py_TYPE(s)->tp_free((PyObject *)s);
}

static PyMethodDef Scanner_methods[] = {
    {"scan", (PyCFunction)Scanner_scan, METH_VARARGS,
     "scan(texts, resolve) -> (ids, lengths, cues) as bytes; see the module comment."},
    {"spans", (PyCFunction)Scanner_spans, METH_VARARGS,
     "spans(text, resolve) -> bytes of int64 (term, start, end) per kept token."},
    {"tokens", (PyCFunction)Scanner_tokens, METH_O, "The surface forms of a text, in order."},
    {"forms", (PyCFunction)Scanner_len, METH_NOARGS, "How many surface forms are cached."},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject ScannerType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "retrieval._scan.Scanner",
    .tp_basicsize = sizeof(Scanner),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Scanner(limit=2000000, *, collide=False): tokens and cached term ids of texts,\n"
              "as retrieval.analysis.Analyzer finds them. limit: forms cached before the table\n"
              "is emptied. collide: for tests, every form of one length hashes alike.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Scanner_init,
    .tp_dealloc = (destructor)Scanner_dealloc,
    .tp_methods = Scanner_methods,
};

/* set_marks(ranges): the combining marks' code points, as bytes of uint32 pairs (first, last)
 * in order; until it is called no character is a mark. */
static PyObject *set_marks(PyObject *module, PyObject *arg)
{
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    if (view.len % (2 * sizeof(uint32_t))) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "set_marks: pairs of uint32 expected");
        return NULL;
    }
    uint32_t *copy = PyMem_Malloc(view.len ? view.len : 1);
    if (!copy) {
        PyBuffer_Release(&view);
        return PyErr_NoMemory();
    }
    memcpy(copy, view.buf, view.len);
    PyMem_Free(marks);
    marks = copy;
    n_marks = view.len / (2 * sizeof(uint32_t));
    PyBuffer_Release(&view);
    Py_RETURN_NONE;
}

#define MAX_COLUMNS 8

/* rows(cls, setters, columns) -> tuple: row i is a new cls whose slot setters[j] (its member
 * descriptor) holds columns[j][i]. The columns are sequences of one length. */
static PyObject *rows(PyObject *self, PyObject *args)
{
    PyTypeObject *cls;
    PyObject *setters, *columns;
    if (!PyArg_ParseTuple(args, "O!O!O!", &PyType_Type, &cls, &PyTuple_Type, &setters,
                          &PyTuple_Type, &columns))
        return NULL;
    Py_ssize_t width = PyTuple_GET_SIZE(setters);
    if (width != PyTuple_GET_SIZE(columns) || width > MAX_COLUMNS) {
        PyErr_SetString(PyExc_ValueError, "rows: one column a setter, at most 8");
        return NULL;
    }
    for (Py_ssize_t j = 0; j < width; j++) {
        if (Py_TYPE(PyTuple_GET_ITEM(setters, j))->tp_descr_set == NULL) {
            PyErr_SetString(PyExc_TypeError, "rows: a setter is not a data descriptor");
            return NULL;
        }
    }
    PyObject *fast[MAX_COLUMNS];
    Py_ssize_t made = 0, n = 0;
    PyObject *out = NULL;
    for (; made < width; made++) {
        fast[made] = PySequence_Fast(PyTuple_GET_ITEM(columns, made), "rows: columns are sequences");
        if (!fast[made])
            goto done;
        Py_ssize_t size = PySequence_Fast_GET_SIZE(fast[made]);
        if (made && size != n) {
            PyErr_SetString(PyExc_ValueError, "rows: the columns differ in length");
            made++;
            goto done;
        }
        n = size;
    }
    out = PyTuple_New(n);
    if (!out)
        goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *row = cls->tp_alloc(cls, 0);
        if (!row) {
            Py_CLEAR(out);
            goto done;
        }
        PyTuple_SET_ITEM(out, i, row); /* the tuple owns it: a failure below frees it too */
        for (Py_ssize_t j = 0; j < width; j++) {
            PyObject *setter = PyTuple_GET_ITEM(setters, j);
            if (Py_TYPE(setter)->tp_descr_set(setter, row, PySequence_Fast_GET_ITEM(fast[j], i)) < 0) {
                Py_CLEAR(out);
                goto done;
            }
        }
    }
done:
    for (Py_ssize_t j = 0; j < made; j++)
        Py_XDECREF(fast[j]);
    return out;
}

static PyMethodDef module_methods[] = {
    {"set_marks", set_marks, METH_O, "set_marks(ranges): the code points read as combining marks."},
    {"rows", rows, METH_VARARGS,
     "rows(cls, setters, columns) -> tuple of new cls, row i's slot setters[j] set to columns[j][i]."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_scan", NULL, -1, module_methods, NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__scan(void)
{
    for (Py_UCS4 c = 0; c < 128; c++)
        ascii_class[c] = (unsigned char)((Py_UNICODE_ISALNUM(c) ? ALNUM : 0) |
                                         (Py_UNICODE_ISDECIMAL(c) ? DECIMAL : 0));
    if (PyType_Ready(&ScannerType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    if (PyModule_AddObjectRef(m, "Scanner", (PyObject *)&ScannerType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
