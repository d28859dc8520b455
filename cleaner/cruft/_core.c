/*
 * cleaner.cruft._core: the compiled core of the cruft stage.
 *
 * What a page needs for every one of its lines, done in C because in Python each step costs a few
 * microseconds per line and a page has hundreds of lines:
 *
 *   distinct()     the page's distinct lines, each line's index among them, the longest lines;
 *   word_counts()  the stop-list choice's sample: its words per group of languages;
 *   measure()      one pass over each line (and its lower-case form) that counts what the rules and
 *                  the line model read: words, stop words, sentence end, literal families, marks,
 *                  character classes, first word and fingerprint equality classes;
 *   gate()         which lines the per-line rules (classifier.evidence) need to look at;
 *   best_run()     the body region's maximum-sum run of line weights;
 *   page_table()   the line model's feature table;
 *   page_logits()  the same rows fed straight to the oblivious trees, without building the table.
 *
 * Each has a pure-Python twin that defines it (cleaner/cruft/measure.py, classifier.py, features.py,
 * model.py); the package falls back to those when this module is not built, and the tests hold the
 * two equal.  Arrays come and go through the buffer protocol (numpy arrays allocated by the caller),
 * so the module needs no numpy headers to build.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* ------------------------------------------------------------------------------------------------
 * Columns written by measure(), one int64 row per line.  measure.py's COLUMNS names them in this
 * order, and the package refuses this module when the two lists differ.
 */
enum {
    M_CHARS,            /* len(text) */
    M_WORDS,            /* number of words (signals.words) */
    M_STOPS,            /* words in the stop list */
    M_SENTENCE,         /* signals.ends_sentence(text) */
    M_MENU,             /* classifier._menu(text, words, stops) */
    M_SHARE_BAR,        /* classifier._share_bar(words, stops) */
    M_CREDIT_WORD,      /* a word of patterns.CREDIT_WORDS */
    M_LITERALS,         /* bit mask of the literal families found in the lower-case line */
    M_FP_ID,            /* index of the first line with the same fingerprint */
    M_FIRST_ID,         /* index of the first line with the same text.split(" ", 1)[0] */
    M_DIGITS,           /* ASCII digits */
    M_PUNCT,            /* punctuation and symbols (measure._shape_counts) */
    M_LETTERS,          /* neither space, digit nor punctuation */
    M_UPPER,            /* upper-case letters: those lower() changes, or where lower() changes the length of some
                           line of the page, those str.isupper() calls upper case (measure._shape_counts) */
    M_RESIZED,          /* lower() changes the length of the line */
    M_ALPHA_STARTS,     /* words (after a space) starting with a letter */
    M_CAPITAL_STARTS,   /* ... whose first letter is upper case (as M_UPPER counts it) */
    M_FIRST_LOWER,      /* text[:1].islower() */
    M_FIRST_DIGIT,      /* text[:1].isdigit() */
    M_FIRST_BULLET,     /* text[:1] in features._BULLETS */
    M_FIRST_UPPER,      /* text[:1].isupper() */
    M_COMMAS,           /* text.count(",") */
    M_INNER_ENDS,       /* ". ", "! " and "? " inside the line */
    M_ENDS_COLON,       /* text.endswith(":") */
    M_LAST_CLAUSE,      /* text[-1:] in ":;," */
    M_STRIPPED_LAST_CLAUSE, /* text.rstrip()[-1:] in ":;," */
    M_SEPARATOR,        /* "|", "»" or "›" in text */
    M_COPYRIGHT,        /* "©", "(c)" or "(C)" in text */
    M_DECIMAL,          /* a decimal digit (regex \d) in text */
    M_FIRST_DECIMAL,    /* the first word starts with a decimal digit */
    M_COLON,            /* ":" in text */
    M_UNDERSCORE,       /* "_" in text */
    M_ROLE_SEPARATOR,   /* one of lift._ROLE_SEPARATORS in text */
    M_TRAIL,            /* patterns.is_breadcrumb(text): a breadcrumb trail */
    M_DIGIT_SEPARATOR,  /* a decimal digit, one of "./-", a decimal digit (regex \d[./-]\d) */
    M_MARKS,            /* the yes/no columns of mark_columns as bits (bit 0: not a sentence) */
    M_FIRST_WORD,       /* where the first word (signals.words) starts in the lower-case line << 32 | its length */
    M_DIGIT_DATE,       /* digits joined by two of "./-" (regex \d[./-]\d+[./-]\d): 12.03.2024, 2024-03-12 */
    M_COLUMNS
};

static const char *const column_names[M_COLUMNS] = {
    "chars", "words", "stops", "sentence", "menu", "share_bar", "credit_word", "literals", "fp_id", "first_id",
    "digits", "punct", "letters", "upper", "resized", "alpha_starts", "capital_starts", "first_lower", "first_digit", "first_bullet", "first_upper", "commas", "inner_ends",
    "ends_colon", "last_clause", "stripped_last_clause", "separator", "copyright", "decimal",
    "first_decimal", "colon", "underscore", "role_separator", "trail", "digit_separator", "marks", "first_word", "digit_date",
};
/* The columns M_MARKS holds as bits 1, 2, … (measure.py: MARKS, after "not_sentence"). */
static const int mark_columns[] = {
    M_MENU, M_SHARE_BAR, M_CREDIT_WORD, M_DECIMAL, M_FIRST_DECIMAL, M_UNDERSCORE, M_DIGIT_SEPARATOR, M_FIRST_UPPER,
    M_ROLE_SEPARATOR, M_COLON, M_TRAIL, M_DIGIT_DATE,
};
#define N_MARKS (1 + (int)(sizeof(mark_columns) / sizeof(mark_columns[0])))

/* Word bits in a Words table (measure.py: STOP, SHARE, CREDIT). */
#define W_STOP 1u
#define W_SHARE 2u
#define W_CREDIT 4u

/* Literal anchors (measure.py: ANYWHERE, LINE_START, FIRST_WORD, WHOLE_FIRST_WORD). */
#define A_ANYWHERE 0
#define A_LINE_START 1
#define A_FIRST_WORD 2
#define A_WHOLE_FIRST_WORD 3

/* measure._shape_counts' notions of space and punctuation (code point ranges, not the Unicode database). */
static inline int shape_space(Py_UCS4 c) {
    return c <= 32 || c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x3000;
}
static inline int shape_punct(Py_UCS4 c) {
    if (c < 128) return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
    return (c >= 0x2010 && c <= 0x2BFF) || (c >= 0xA1 && c <= 0xBF) || c == 0xD7;
}
static inline int is_bullet(Py_UCS4 c) {
    switch (c) {
    case 0x2022: case '-': case '*': case 0xB7: case 0x2013: case 0x2014: case 0x25BA: case 0x25B6: case '>':
    case 0xBB: case '|': case 0x25AA: case 0x25E6: case 0x25CF: case 0x25A0: case 0x25A1: case 0x2713: case 0x2714:
    case 0x2192:
        return 1;
    default:
        return 0;
    }
}
static inline int is_sentence_ender(Py_UCS4 c) {
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}
static inline int is_crumb_separator(Py_UCS4 c) {
    return c == 0x203A || c == 0xBB || c == '>' || c == '/' || c == '|' || c == 0x2022 || c == 0xB7;
}
static inline int is_closer(Py_UCS4 c) {
    return c == '\'' || c == '"' || c == 0x2019 || c == 0x201D || c == 0xBB || c == ')' || c == ']';
}

#define FNV_OFFSET 1469598103934665603ULL
#define FNV_PRIME 1099511628211ULL
static inline uint64_t fnv(uint64_t h, Py_UCS4 c) { return (h ^ (uint64_t)c) * FNV_PRIME; }

/* ------------------------------------------------------------------------------------------------
 * Words: an open-addressing table word -> value: a stop list's words with their bits (stop word, share
 * word, credit word), or every stop word of every language with its group of languages.  A page's words
 * are looked up without making a Python string of each.
 */
typedef struct {
    uint64_t hash;
    uint32_t offset; /* into pool */
    uint32_t length; /* 0: empty slot */
    uint32_t value;
} WordSlot;

typedef struct {
    PyObject_HEAD
    WordSlot *slots;
    size_t mask;
    Py_UCS4 *pool;
    Py_ssize_t size;
    uint32_t max_length;
    uint64_t *bloom;     /* for large tables: a Bloom filter (two bits per word) that turns most absent words away */
    uint64_t bloom_mask; /* bits - 1 */
} WordsObject;

static void Words_dealloc(WordsObject *self) {
    PyMem_Free(self->bloom);
    PyMem_Free(self->slots);
    PyMem_Free(self->pool);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Words_init(WordsObject *self, PyObject *args, PyObject *kwds) {
    PyObject *mapping;
    static char *kwlist[] = {"words", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O!:Words", kwlist, &PyDict_Type, &mapping)) return -1;
    Py_ssize_t n = PyDict_Size(mapping), total = 0, pos = 0;
    PyObject *key, *value;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        if (!PyUnicode_Check(key) || PyUnicode_GET_LENGTH(key) == 0 || PyUnicode_GET_LENGTH(key) > 0xFFFFFF) {
            PyErr_SetString(PyExc_ValueError, "Words: keys must be non-empty str");
            return -1;
        }
        total += PyUnicode_GET_LENGTH(key);
    }
    size_t capacity = 16;
    while (capacity < (size_t)n * 2 + 1) capacity <<= 1;
    PyMem_Free(self->slots);
    PyMem_Free(self->pool);
    PyMem_Free(self->bloom);
    self->bloom = NULL;
    if (n > 10000) { /* 16 bits per word: about 1.5 % of absent words get past it */
        size_t bits = 1;
        while (bits < (size_t)n * 16) bits <<= 1;
        self->bloom = PyMem_Calloc(bits / 64, sizeof(uint64_t));
        if (!self->bloom) {
            PyErr_NoMemory();
            return -1;
        }
        self->bloom_mask = bits - 1;
    }
    self->slots = PyMem_Calloc(capacity, sizeof(WordSlot));
    self->pool = PyMem_Malloc((size_t)(total + 1) * sizeof(Py_UCS4));
    if (!self->slots || !self->pool) {
        PyErr_NoMemory();
        return -1;
    }
    self->mask = capacity - 1;
    self->size = n;
    self->max_length = 0;
    uint32_t offset = 0;
    pos = 0;
    while (PyDict_Next(mapping, &pos, &key, &value)) {
        long bits = PyLong_AsLong(value);
        if (bits == -1 && PyErr_Occurred()) return -1;
        if (bits < 0 || bits > 0x7FFFFFFFL) {
            PyErr_SetString(PyExc_ValueError, "Words: values must be in 0..2**31-1");
            return -1;
        }
        Py_ssize_t len = PyUnicode_GET_LENGTH(key);
        int kind = PyUnicode_KIND(key);
        const void *data = PyUnicode_DATA(key);
        uint64_t h = FNV_OFFSET;
        for (Py_ssize_t i = 0; i < len; i++) {
            Py_UCS4 c = PyUnicode_READ(kind, data, i);
            self->pool[offset + i] = c;
            h = fnv(h, c);
        }
        if (self->bloom) {
            const uint64_t a = h & self->bloom_mask, b = (h >> 32) & self->bloom_mask;
            self->bloom[a >> 6] |= 1ULL << (a & 63);
            self->bloom[b >> 6] |= 1ULL << (b & 63);
        }
        size_t at = (size_t)h & self->mask;
        while (self->slots[at].length) at = (at + 1) & self->mask;
        self->slots[at] = (WordSlot){h, offset, (uint32_t)len, (uint32_t)bits};
        if (len > self->max_length) self->max_length = (uint32_t)len;
        offset += (uint32_t)len;
    }
    return 0;
}

static Py_ssize_t Words_len(WordsObject *self) { return self->size; }

/* The value of the word low[start:start+len] (hash h), 0 when absent. */
static inline unsigned words_lookup(const WordsObject *w, uint64_t h, int kind, const void *data, Py_ssize_t start,
                                    Py_ssize_t len) {
    if (len > w->max_length) return 0;
    if (w->bloom) {
        const uint64_t a = h & w->bloom_mask, b = (h >> 32) & w->bloom_mask;
        if (!((w->bloom[a >> 6] >> (a & 63)) & (w->bloom[b >> 6] >> (b & 63)) & 1)) return 0;
    }
    size_t at = (size_t)h & w->mask;
    for (;;) {
        const WordSlot *s = &w->slots[at];
        if (!s->length) return 0;
        if (s->hash == h && s->length == len) {
            const Py_UCS4 *key = w->pool + s->offset;
            Py_ssize_t i = 0;
            while (i < len && key[i] == PyUnicode_READ(kind, data, start + i)) i++;
            if (i == len) return s->value;
        }
        at = (at + 1) & w->mask;
    }
}

static PyObject *Words_lookup(WordsObject *self, PyObject *word) {
    if (!PyUnicode_Check(word)) {
        PyErr_SetString(PyExc_TypeError, "lookup: str expected");
        return NULL;
    }
    Py_ssize_t len = PyUnicode_GET_LENGTH(word);
    int kind = PyUnicode_KIND(word);
    const void *data = PyUnicode_DATA(word);
    uint64_t h = FNV_OFFSET;
    for (Py_ssize_t i = 0; i < len; i++) h = fnv(h, PyUnicode_READ(kind, data, i));
    return PyLong_FromUnsignedLong(len ? words_lookup(self, h, kind, data, 0, len) : 0);
}

static PyMethodDef Words_methods[] = {
    {"lookup", (PyCFunction)Words_lookup, METH_O, "lookup(word) -> the word's value (0 when absent)."},
    {NULL, NULL, 0, NULL},
};
static PySequenceMethods Words_as_sequence = {.sq_length = (lenfunc)Words_len};

static PyTypeObject WordsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "cleaner.cruft._core.Words",
    .tp_basicsize = sizeof(WordsObject),
    .tp_dealloc = (destructor)Words_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Words(words: dict[str, int]): a lookup table of lower-case words and their values.",
    .tp_methods = Words_methods,
    .tp_as_sequence = &Words_as_sequence,
    .tp_init = (initproc)Words_init,
    .tp_new = PyType_GenericNew,
};

/* ------------------------------------------------------------------------------------------------
 * Literals: the literal families of a line in one pass.
 *
 * Literals that may sit anywhere go into an Aho-Corasick automaton compiled to a complete transition table
 * over the literals' own alphabet (every other character is symbol 0), its states numbered breadth first so
 * that the shallow states a text keeps coming back to share a few cache lines: one table read per
 * character finds every such literal a line contains, overlapping ones included.  Literals anchored at the
 * start of the line or of its first word are looked up in a trie walked from those two places only.
 */
typedef struct {
    PyObject_HEAD
    /* the automaton (ANYWHERE literals) */
    int32_t n_symbols;        /* symbols + 1 (0 = any character not in a literal) */
    int32_t n_states;
    unsigned char latin[256]; /* symbol of code points < 256 */
    Py_UCS4 *wide;            /* sorted code points >= 256 of the literals, symbols n_symbols - n_wide … */
    int32_t n_wide;
    uint16_t *step;           /* n_states * n_symbols: the next state, OUTPUTS set where some literal ends */
    uint64_t *found;          /* families of the literals ending in each state (suffixes included) */
    /* the trie (anchored literals) */
    int32_t n_nodes;
    int32_t *child_start, *child_count; /* per node: a slice of children, sorted by character */
    Py_UCS4 *child_char;
    int32_t *child_node;
    uint64_t *at_line_start, *at_first_word, *whole_first_word; /* families of the literals ending at a node */
} LiteralsObject;

#define OUTPUTS 0x8000u

static void Literals_clear(LiteralsObject *self) {
    PyMem_Free(self->wide);
    PyMem_Free(self->step);
    PyMem_Free(self->found);
    PyMem_Free(self->child_start);
    PyMem_Free(self->child_count);
    PyMem_Free(self->child_char);
    PyMem_Free(self->child_node);
    PyMem_Free(self->at_line_start);
    PyMem_Free(self->at_first_word);
    PyMem_Free(self->whole_first_word);
    self->wide = NULL;
    self->step = NULL;
    self->found = NULL;
    self->child_start = self->child_count = self->child_node = NULL;
    self->child_char = NULL;
    self->at_line_start = self->at_first_word = self->whole_first_word = NULL;
}

static void Literals_dealloc(LiteralsObject *self) {
    Literals_clear(self);
    Py_TYPE(self)->tp_free((PyObject *)self);
}

static int cmp_ucs4(const void *a, const void *b) {
    Py_UCS4 x = *(const Py_UCS4 *)a, y = *(const Py_UCS4 *)b;
    return (x > y) - (x < y);
}

typedef struct {
    Py_UCS4 *chars;
    Py_ssize_t length;
    int anchor;
    int bit;
} LiteralSpec;

/* The symbol of a code point: Latin-1 by table, the rest by binary search among the literals' wide characters. */
static inline int32_t symbol_of(const LiteralsObject *lit, Py_UCS4 c) {
    if (c < 256) return lit->latin[c];
    int32_t lo = 0, hi = lit->n_wide - 1;
    while (lo <= hi) {
        const int32_t mid = (lo + hi) >> 1;
        if (lit->wide[mid] == c) return lit->n_symbols - lit->n_wide + mid;
        if (lit->wide[mid] < c) lo = mid + 1;
        else hi = mid - 1;
    }
    return 0;
}

/* The automaton of the ANYWHERE literals. */
static int build_automaton(LiteralsObject *self, const LiteralSpec *specs, Py_ssize_t n) {
    int rc = -1;
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (specs[i].anchor == A_ANYWHERE) total += specs[i].length;
    Py_UCS4 *alphabet = PyMem_Malloc((size_t)(total + 1) * sizeof(Py_UCS4));
    const int32_t max_states = (int32_t)total + 1;
    int32_t *trie = NULL, *fail = PyMem_Calloc((size_t)max_states, sizeof(int32_t));
    int32_t *queue = PyMem_Malloc((size_t)max_states * sizeof(int32_t)), *number = NULL;
    uint64_t *found = PyMem_Calloc((size_t)max_states, sizeof(uint64_t));
    if (!alphabet || !fail || !queue || !found) goto nomemory;
    Py_ssize_t k = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (specs[i].anchor == A_ANYWHERE)
            for (Py_ssize_t j = 0; j < specs[i].length; j++) alphabet[k++] = specs[i].chars[j];
    qsort(alphabet, (size_t)k, sizeof(Py_UCS4), cmp_ucs4);
    Py_ssize_t distinct = 0;
    for (Py_ssize_t i = 0; i < k; i++)
        if (i == 0 || alphabet[i] != alphabet[i - 1]) alphabet[distinct++] = alphabet[i];
    if (distinct > 250) {
        PyErr_SetString(PyExc_ValueError, "Literals: more than 250 distinct characters");
        goto done;
    }
    /* symbols in code point order: Latin-1 ones through the table, the wide ones after them */
    memset(self->latin, 0, sizeof(self->latin));
    self->wide = PyMem_Malloc((size_t)(distinct + 1) * sizeof(Py_UCS4));
    if (!self->wide) goto nomemory;
    self->n_wide = 0;
    int32_t symbol = 1;
    for (Py_ssize_t i = 0; i < distinct; i++, symbol++) {
        if (alphabet[i] < 256) self->latin[alphabet[i]] = (unsigned char)symbol;
        else self->wide[self->n_wide++] = alphabet[i];
    }
    self->n_symbols = symbol;
    const int32_t ns = self->n_symbols;
    trie = PyMem_Malloc((size_t)max_states * (size_t)ns * sizeof(int32_t));
    if (!trie) goto nomemory;
    for (Py_ssize_t i = 0; i < (Py_ssize_t)max_states * ns; i++) trie[i] = -1;
    int32_t states = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (specs[i].anchor != A_ANYWHERE) continue;
        int32_t s = 0;
        for (Py_ssize_t j = 0; j < specs[i].length; j++) {
            int32_t *slot = &trie[(size_t)s * ns + symbol_of(self, specs[i].chars[j])];
            if (*slot < 0) *slot = states++;
            s = *slot;
        }
        found[s] |= 1ULL << specs[i].bit;
    }
    if (states >= (int32_t)OUTPUTS) {
        PyErr_SetString(PyExc_ValueError, "Literals: too many literals (more than 32767 states)");
        goto done;
    }
    /* Breadth first: failure links, the complete transition table, each state's outputs with its suffixes'. */
    int32_t head = 0, tail = 0;
    for (int32_t sym = 0; sym < ns; sym++) {
        int32_t *slot = &trie[sym];
        if (*slot < 0) *slot = 0;
        else queue[tail++] = *slot; /* fail = root */
    }
    while (head < tail) {
        const int32_t s = queue[head++];
        found[s] |= found[fail[s]];
        for (int32_t sym = 0; sym < ns; sym++) {
            int32_t *slot = &trie[(size_t)s * ns + sym];
            const int32_t via_fail = trie[(size_t)fail[s] * ns + sym];
            if (*slot < 0) *slot = via_fail;
            else {
                fail[*slot] = via_fail;
                queue[tail++] = *slot;
            }
        }
    }
    /* Number the states breadth first (the root, then the queue's order) and keep the compact table. */
    number = PyMem_Malloc((size_t)states * sizeof(int32_t));
    self->step = PyMem_Malloc((size_t)states * ns * sizeof(uint16_t));
    self->found = PyMem_Malloc((size_t)states * sizeof(uint64_t));
    if (!number || !self->step || !self->found) goto nomemory;
    number[0] = 0;
    for (int32_t q = 0; q < tail; q++) number[queue[q]] = q + 1;
    for (int32_t old = 0; old < states; old++) {
        const int32_t s = number[old];
        self->found[s] = found[old];
        for (int32_t sym = 0; sym < ns; sym++) {
            const int32_t next = trie[(size_t)old * ns + sym];
            self->step[(size_t)s * ns + sym] = (uint16_t)number[next] | (found[next] ? OUTPUTS : 0);
        }
    }
    self->n_states = states;
    rc = 0;
    goto done;
nomemory:
    PyErr_NoMemory();
done:
    PyMem_Free(alphabet);
    PyMem_Free(trie);
    PyMem_Free(fail);
    PyMem_Free(queue);
    PyMem_Free(number);
    PyMem_Free(found);
    return rc;
}

/* The trie of the anchored literals (children kept sorted by character, found by binary search). */
static int build_trie(LiteralsObject *self, const LiteralSpec *specs, Py_ssize_t n) {
    Py_ssize_t total = 0;
    for (Py_ssize_t i = 0; i < n; i++)
        if (specs[i].anchor != A_ANYWHERE) total += specs[i].length;
    const Py_ssize_t max_nodes = total + 1;
    /* edges as (parent, char, child) first, in insertion order */
    int32_t *parent = PyMem_Malloc((size_t)max_nodes * sizeof(int32_t));
    Py_UCS4 *label = PyMem_Malloc((size_t)max_nodes * sizeof(Py_UCS4));
    self->at_line_start = PyMem_Calloc((size_t)max_nodes, sizeof(uint64_t));
    self->at_first_word = PyMem_Calloc((size_t)max_nodes, sizeof(uint64_t));
    self->whole_first_word = PyMem_Calloc((size_t)max_nodes, sizeof(uint64_t));
    self->child_start = PyMem_Calloc((size_t)max_nodes, sizeof(int32_t));
    self->child_count = PyMem_Calloc((size_t)max_nodes, sizeof(int32_t));
    self->child_char = PyMem_Malloc((size_t)max_nodes * sizeof(Py_UCS4));
    self->child_node = PyMem_Malloc((size_t)max_nodes * sizeof(int32_t));
    if (!parent || !label || !self->at_line_start || !self->at_first_word || !self->whole_first_word ||
        !self->child_start || !self->child_count || !self->child_char || !self->child_node) {
        PyMem_Free(parent);
        PyMem_Free(label);
        PyErr_NoMemory();
        return -1;
    }
    int32_t nodes = 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (specs[i].anchor == A_ANYWHERE) continue;
        int32_t s = 0;
        for (Py_ssize_t j = 0; j < specs[i].length; j++) {
            const Py_UCS4 c = specs[i].chars[j];
            int32_t next = -1;
            for (int32_t t = 1; t < nodes; t++) /* build time only: a linear search is fine */
                if (parent[t] == s && label[t] == c) {
                    next = t;
                    break;
                }
            if (next < 0) {
                next = nodes++;
                parent[next] = s;
                label[next] = c;
            }
            s = next;
        }
        const uint64_t bit = 1ULL << specs[i].bit;
        if (specs[i].anchor == A_LINE_START) self->at_line_start[s] |= bit;
        else if (specs[i].anchor == A_FIRST_WORD) self->at_first_word[s] |= bit;
        else self->whole_first_word[s] |= bit;
    }
    /* each node's children, sorted by character */
    int32_t edges = 0;
    for (int32_t s = 0; s < nodes; s++) {
        self->child_start[s] = edges;
        for (int32_t t = 1; t < nodes; t++)
            if (parent[t] == s) {
                Py_ssize_t at = edges++;
                while (at > self->child_start[s] && self->child_char[at - 1] > label[t]) {
                    self->child_char[at] = self->child_char[at - 1];
                    self->child_node[at] = self->child_node[at - 1];
                    at--;
                }
                self->child_char[at] = label[t];
                self->child_node[at] = t;
            }
        self->child_count[s] = edges - self->child_start[s];
    }
    self->n_nodes = nodes;
    PyMem_Free(parent);
    PyMem_Free(label);
    return 0;
}

static int Literals_init(LiteralsObject *self, PyObject *args, PyObject *kwds) {
    PyObject *seq;
    static char *kwlist[] = {"literals", NULL};
    if (!PyArg_ParseTupleAndKeywords(args, kwds, "O:Literals", kwlist, &seq)) return -1;
    PyObject *fast = PySequence_Fast(seq, "Literals: a sequence of (literal, anchor, bit) expected");
    if (!fast) return -1;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    LiteralSpec *specs = PyMem_Calloc((size_t)n + 1, sizeof(LiteralSpec));
    int rc = -1;
    Literals_clear(self);
    if (!specs) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *item = PySequence_Fast_GET_ITEM(fast, i), *text;
        int anchor, bit;
        if (!PyArg_ParseTuple(item, "Uii:Literals", &text, &anchor, &bit)) goto done;
        const Py_ssize_t len = PyUnicode_GET_LENGTH(text);
        if (len == 0 || bit < 0 || bit > 63 || anchor < A_ANYWHERE || anchor > A_WHOLE_FIRST_WORD) {
            PyErr_SetString(PyExc_ValueError, "Literals: non-empty literal, anchor 0-3 and bit 0-63 expected");
            goto done;
        }
        specs[i].chars = PyUnicode_AsUCS4Copy(text);
        if (!specs[i].chars) goto done;
        specs[i].length = len;
        specs[i].anchor = anchor;
        specs[i].bit = bit;
    }
    if (build_automaton(self, specs, n) < 0 || build_trie(self, specs, n) < 0) goto done;
    rc = 0;
done:
    if (specs) {
        for (Py_ssize_t i = 0; i < n; i++) PyMem_Free(specs[i].chars);
        PyMem_Free(specs);
    }
    Py_DECREF(fast);
    return rc;
}

static PyTypeObject LiteralsType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "cleaner.cruft._core.Literals",
    .tp_basicsize = sizeof(LiteralsObject),
    .tp_dealloc = (destructor)Literals_dealloc,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Literals(literals: list[tuple[str, int, int]]): (literal, anchor, family bit) found in one pass.",
    .tp_init = (initproc)Literals_init,
    .tp_new = PyType_GenericNew,
};

/* ------------------------------------------------------------------------------------------------
 * Buffers
 */
static int get_buffer(PyObject *obj, Py_buffer *view, const char *format, Py_ssize_t itemsize, Py_ssize_t items,
                      int writable, const char *name) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, view, flags) < 0) return -1;
    int format_ok = view->format && (strcmp(view->format, format) == 0 ||
                                     (view->format[0] == '<' && strcmp(view->format + 1, format) == 0) ||
                                     (view->format[0] == '=' && strcmp(view->format + 1, format) == 0));
    /* int64 is "l" on LP64 and "q" elsewhere */
    if (!format_ok && strcmp(format, "q") == 0 && view->format && strcmp(view->format, "l") == 0 &&
        view->itemsize == 8)
        format_ok = 1;
    if (!format_ok || view->itemsize != itemsize || (items >= 0 && view->len != items * itemsize)) {
        PyErr_Format(PyExc_ValueError, "%s: a C-contiguous buffer of %zd items of format '%s' expected", name, items,
                     format);
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------------------------------
 * measure(texts, words, literals, out)
 */

/* Character flags: one table read for ASCII, the Unicode database (as str methods and re use it) for the rest. */
enum {
    F_ALNUM = 1, F_ALPHA = 2, F_UPPER = 4, F_LOWER = 8, F_DIGIT = 16, F_SPACE = 32, F_DECIMAL = 64,
    F_SHAPE_SPACE = 128, F_SHAPE_PUNCT = 256, F_SPECIAL = 512 /* a character measure_text looks at by itself */
};
static uint16_t ascii_flags[128];

static unsigned compute_flags(Py_UCS4 c) {
    unsigned f = 0;
    if (Py_UNICODE_ISALNUM(c)) f |= F_ALNUM;
    if (Py_UNICODE_ISALPHA(c)) f |= F_ALPHA;
    if (Py_UNICODE_ISUPPER(c)) f |= F_UPPER;
    if (Py_UNICODE_ISLOWER(c)) f |= F_LOWER;
    if (Py_UNICODE_ISDIGIT(c)) f |= F_DIGIT;
    if (Py_UNICODE_ISSPACE(c)) f |= F_SPACE;
    if (Py_UNICODE_ISDECIMAL(c)) f |= F_DECIMAL;
    if (shape_space(c)) f |= F_SHAPE_SPACE;
    else if (shape_punct(c)) f |= F_SHAPE_PUNCT;
    switch (c) {
    case ',': case '.': case '!': case '?': case ':': case ';': case '|': case 0xBB: case 0x203A: case '>':
    case 0x2022: case 0xB7: case 0x2013: case 0x2014: case '-': case '_': case 0xA9: case '(': case '/':
        f |= F_SPECIAL;
        break;
    default:
        break;
    }
    return f;
}

static void init_flags(void) {
    for (Py_UCS4 c = 0; c < 128; c++) ascii_flags[c] = (uint16_t)compute_flags(c);
}

/* The rest of the Basic Multilingual Plane is looked up once per character and kept (F_KNOWN marks it). */
#define F_KNOWN 0x8000u
static uint16_t bmp_flags[0x10000];

static inline unsigned flags_of(Py_UCS4 c) {
    if (c < 128) return ascii_flags[c];
    if (c < 0x10000) {
        unsigned f = bmp_flags[c];
        if (!f) bmp_flags[c] = (uint16_t)((f = compute_flags(c)) | F_KNOWN);
        return f & ~F_KNOWN;
    }
    return compute_flags(c);
}

/* A line's characters as UCS4, in a buffer reused from line to line. */
typedef struct {
    Py_UCS4 *data;
    Py_ssize_t capacity;
} Chars;

static const Py_UCS4 *chars_of(PyObject *s, Chars *buf) {
    const Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n + 1 > buf->capacity) {
        Py_UCS4 *grown = PyMem_Realloc(buf->data, (size_t)(n + 1) * 2 * sizeof(Py_UCS4));
        if (!grown) {
            PyErr_NoMemory();
            return NULL;
        }
        buf->data = grown;
        buf->capacity = (n + 1) * 2;
    }
    const int kind = PyUnicode_KIND(s);
    const void *data = PyUnicode_DATA(s);
    if (kind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) buf->data[i] = d[i];
    } else if (kind == PyUnicode_2BYTE_KIND) {
        const Py_UCS2 *d = data;
        for (Py_ssize_t i = 0; i < n; i++) buf->data[i] = d[i];
    } else {
        memcpy(buf->data, data, (size_t)n * sizeof(Py_UCS4));
    }
    buf->data[n] = 0;
    return buf->data;
}

/* A line's lower-case form as UCS4 into buf: str.lower's own result, or for Latin-1 text (most lines) the same
 * made in place: A-Z and À-Þ but × move up by 32, as str.lower maps every one of the 256 (a test holds it so).
 * Sets *length; NULL with an exception set on failure. */
static const Py_UCS4 *lower_chars(PyObject *text, Chars *buf, PyObject *lower_name, Py_ssize_t *length) {
    if (PyUnicode_KIND(text) == PyUnicode_1BYTE_KIND) {
        const Py_UCS4 *t = chars_of(text, buf);
        if (!t) return NULL;
        *length = PyUnicode_GET_LENGTH(text);
        for (Py_ssize_t j = 0; j < *length; j++) {
            const Py_UCS4 c = buf->data[j];
            if (c - 'A' < 26u || (c - 0xC0 < 31u && c != 0xD7)) buf->data[j] = c + 32;
        }
        return buf->data;
    }
    PyObject *low = PyObject_CallMethodNoArgs(text, lower_name); /* its full case mapping */
    if (!low) return NULL;
    const Py_UCS4 *l = chars_of(low, buf);
    *length = PyUnicode_GET_LENGTH(low);
    Py_DECREF(low);
    return l;
}

/* Per-page table of equality classes (fingerprints, first words): hash -> first line with it. */
typedef struct {
    uint64_t hash;
    int64_t index; /* -1: empty */
} ClassSlot;

typedef struct {
    ClassSlot *slots;
    size_t mask;
} ClassTable;

static int class_table_init(ClassTable *t, Py_ssize_t n) {
    size_t capacity = 16;
    while (capacity < (size_t)n * 2 + 1) capacity <<= 1;
    t->slots = PyMem_Malloc(capacity * sizeof(ClassSlot));
    if (!t->slots) return -1;
    for (size_t i = 0; i < capacity; i++) t->slots[i].index = -1;
    t->mask = capacity - 1;
    return 0;
}

/* Do two strings have the same runs of letters and digits (the same signals.fingerprint)? */
static int same_runs(const Py_UCS4 *a, Py_ssize_t la, const Py_UCS4 *b, Py_ssize_t lb) {
    Py_ssize_t i = 0, j = 0;
    for (;;) {
        while (i < la && !(flags_of(a[i]) & F_ALNUM)) i++;
        while (j < lb && !(flags_of(b[j]) & F_ALNUM)) j++;
        if (i == la || j == lb) return i == la && j == lb;
        for (;;) { /* one run of each, in step */
            const int ra = i < la && (flags_of(a[i]) & F_ALNUM);
            const int rb = j < lb && (flags_of(b[j]) & F_ALNUM);
            if (ra != rb) return 0;
            if (!ra) break;
            if (a[i] != b[j]) return 0;
            i++;
            j++;
        }
    }
}

/* Are the first `len` characters of two strings equal? */
static int same_prefix(PyObject *a, PyObject *b, Py_ssize_t len) {
    const int ka = PyUnicode_KIND(a), kb = PyUnicode_KIND(b);
    const void *da = PyUnicode_DATA(a), *db = PyUnicode_DATA(b);
    for (Py_ssize_t i = 0; i < len; i++)
        if (PyUnicode_READ(ka, da, i) != PyUnicode_READ(kb, db, i)) return 0;
    return 1;
}

typedef struct {
    Py_ssize_t start, length;
    uint64_t hash;
} Token;

#define SHORT_LINE_WORDS 5 /* the repeated-word test of classifier._menu is only read on lines this short */

/* patterns.is_breadcrumb: three or more short items joined by separators (split on them, not a regex). */
static int breadcrumb(const Py_UCS4 *t, Py_ssize_t tn) {
    Py_ssize_t lead = 0;
    while (lead < tn && (flags_of(t[lead]) & F_SPACE)) lead++;
    if (lead < tn && t[lead] == '|') return 0; /* a table row, not a trail */
    Py_ssize_t start = 0, chunk = 0;
    for (Py_ssize_t j = 0; j <= tn; j++) {
        if (j < tn && !is_crumb_separator(t[j])) continue;
        /* the chunk t[start:j] */
        Py_ssize_t a = start, b = j;
        const int first = chunk == 0, last = j == tn;
        if (b == a) return 0; /* an empty item */
        if (!first)
            while (a < b && (flags_of(t[a]) & F_SPACE)) a++;
        if (!last)
            while (b > a && (flags_of(t[b - 1]) & F_SPACE)) b--;
        if (b - a > (last && !first ? 60 : 40)) return 0;
        chunk++;
        start = j + 1;
    }
    return chunk >= 3;
}

/* What measure_text finds beside the row's columns. */
typedef struct {
    uint64_t first_hash;  /* of text.split(" ", 1)[0] */
    Py_ssize_t first_len;
    int64_t ws_alpha, ws_upper; /* words of str.split() that start with a letter, and upper case */
    int64_t changed, changed_starts; /* letters (and word-initial letters) lower() changes */
    int clause;           /* one of ",.;:!?" */
} TextFacts;

/* The text as written: character classes (measure._shape_counts, signals.capitalised_share), first and last
 * characters, sentence end, separators, and the first word before a space. */
static void measure_text(int64_t *row, TextFacts *facts, const Py_UCS4 *t, Py_ssize_t tn, const Py_UCS4 *l,
                         Py_ssize_t ln) {
    const int aligned = tn == ln;
    int prev_shape_space = 1, prev_space = 1, clause = 0;
    Py_ssize_t first_space = -1, crumbs = 0;
    uint64_t fh = FNV_OFFSET;
    int64_t digits = 0, punct = 0, letters = 0, upper_letters = 0, alpha_starts = 0, capital_starts = 0;
    int64_t changed = 0, changed_starts = 0, ws_alpha = 0, ws_upper = 0, commas = 0, inner = 0;
    int decimal = 0;
    int date_state = 0; /* digit, separator, digits, separator, digit: how far a digit date has come */
    row[M_CHARS] = tn;
    row[M_RESIZED] = !aligned;
    for (Py_ssize_t j = 0; j < tn; j++) {
        const Py_UCS4 c = t[j];
        const unsigned f = flags_of(c);
        const int sp = (f & F_SHAPE_SPACE) != 0, digit = c - '0' < 10u, pu = (f & F_SHAPE_PUNCT) != 0;
        const int letter = !(digit || sp || pu);
        const int upper = letter && (f & F_UPPER);
        const int ch = letter && aligned && c != l[j];
        digits += digit;
        punct += pu;
        letters += letter;
        upper_letters += upper;
        changed += ch;
        if (prev_shape_space && letter) { /* a word of _shape_counts: after one of its spaces */
            alpha_starts++;
            capital_starts += upper;
            changed_starts += ch;
        }
        prev_shape_space = sp;
        const int space = (f & F_SPACE) != 0;
        if (!space && prev_space && (f & F_ALPHA)) { /* a word of str.split() starting with a letter */
            ws_alpha++;
            ws_upper += (f & F_UPPER) != 0;
        }
        prev_space = space;
        decimal |= (f & F_DECIMAL) != 0;
        if (f & F_DECIMAL) {
            if (date_state == 4) row[M_DIGIT_DATE] = 1;
            date_state = date_state == 2 || date_state == 3 ? 3 : 1; /* (after 4 the last digit starts afresh) */
        } else if (c == '.' || c == '/' || c == '-') {
            date_state = date_state == 1 ? 2 : date_state == 3 ? 4 : 0; /* 4 is also 2: its digit, its separator */
        } else {
            date_state = 0;
        }
        if (first_space < 0) {
            if (c == ' ') first_space = j;
            else fh = fnv(fh, c);
        }
        if (!(f & F_SPECIAL)) continue;
        switch (c) {
        case ',':
            commas++;
            clause = 1;
            break;
        case '.': case '!': case '?':
            clause = 1;
            if (j + 1 < tn && t[j + 1] == ' ') inner++;
            break;
        case ':':
            clause = 1;
            row[M_COLON] = 1;
            row[M_ROLE_SEPARATOR] = 1;
            break;
        case ';':
            clause = 1;
            break;
        case '|':
            row[M_ROLE_SEPARATOR] = 1;
            row[M_SEPARATOR] = 1;
            crumbs++;
            break;
        case 0xBB: case 0x203A:
            row[M_SEPARATOR] = 1;
            crumbs++;
            break;
        case '>':
            crumbs++;
            break;
        case 0x2022: case 0xB7: /* separators of breadcrumbs and of role credits */
            row[M_ROLE_SEPARATOR] = 1;
            crumbs++;
            break;
        case 0x2013: case 0x2014:
            row[M_ROLE_SEPARATOR] = 1;
            break;
        case '_':
            row[M_UNDERSCORE] = 1;
            break;
        case 0xA9:
            row[M_COPYRIGHT] = 1;
            break;
        case '(':
            if (j + 2 < tn && t[j + 2] == ')' && (t[j + 1] == 'c' || t[j + 1] == 'C')) row[M_COPYRIGHT] = 1;
            break;
        case '/':
            crumbs++;
            break;
        case '-':
            row[M_ROLE_SEPARATOR] = 1;
            break;
        default:
            break;
        }
        /* a digit, one of "./-", a digit */
        if ((c == '.' || c == '/' || c == '-') && j > 0 && j + 1 < tn && (flags_of(t[j - 1]) & F_DECIMAL) &&
            (flags_of(t[j + 1]) & F_DECIMAL))
            row[M_DIGIT_SEPARATOR] = 1;
    }
    row[M_DIGITS] = digits;
    row[M_PUNCT] = punct;
    row[M_LETTERS] = letters;
    row[M_UPPER] = upper_letters;
    row[M_ALPHA_STARTS] = alpha_starts;
    row[M_CAPITAL_STARTS] = capital_starts;
    row[M_COMMAS] = commas;
    row[M_INNER_ENDS] = inner;
    row[M_DECIMAL] = decimal;
    facts->first_hash = fh;
    facts->first_len = first_space < 0 ? tn : first_space;
    facts->ws_alpha = ws_alpha;
    facts->ws_upper = ws_upper;
    facts->changed = changed;
    facts->changed_starts = changed_starts;
    facts->clause = clause;
    if (crumbs >= 2) row[M_TRAIL] = breadcrumb(t, tn);
    if (!tn) return;
    const Py_UCS4 c0 = t[0], last = t[tn - 1];
    const unsigned f0 = flags_of(c0);
    row[M_FIRST_LOWER] = (f0 & F_LOWER) != 0;
    row[M_FIRST_DIGIT] = (f0 & F_DIGIT) != 0;
    row[M_FIRST_BULLET] = is_bullet(c0);
    row[M_FIRST_UPPER] = (f0 & F_UPPER) != 0;
    row[M_ENDS_COLON] = last == ':';
    row[M_LAST_CLAUSE] = last == ':' || last == ';' || last == ',';
    Py_ssize_t e = tn;
    while (e > 0 && (flags_of(t[e - 1]) & F_SPACE)) e--;
    if (e) row[M_STRIPPED_LAST_CLAUSE] = t[e - 1] == ':' || t[e - 1] == ';' || t[e - 1] == ',';
    e = tn;
    if (last == '\n') e--; /* like the regex $, one final newline is ignored */
    while (e > 0 && is_closer(t[e - 1])) e--;
    row[M_SENTENCE] = e > 0 && is_sentence_ender(t[e - 1]);
}

/* The families of the anchored literals that start at position `from` of the lower-case line l: those anchored
 * at the line's start when `line_start`, those anchored at its first word when `first_word`. */
static uint64_t anchored_at(const LiteralsObject *lit, const Py_UCS4 *l, Py_ssize_t ln, Py_ssize_t from,
                            int line_start, int first_word) {
    uint64_t found = 0;
    int32_t node = 0;
    for (Py_ssize_t j = from; j < ln; j++) {
        const Py_UCS4 c = l[j];
        int32_t lo = lit->child_start[node], hi = lo + lit->child_count[node] - 1, next = -1;
        while (lo <= hi) {
            const int32_t mid = (lo + hi) >> 1;
            if (lit->child_char[mid] == c) {
                next = lit->child_node[mid];
                break;
            }
            if (lit->child_char[mid] < c) lo = mid + 1;
            else hi = mid - 1;
        }
        if (next < 0) break;
        node = next;
        if (line_start) found |= lit->at_line_start[node];
        if (first_word) {
            found |= lit->at_first_word[node];
            if (lit->whole_first_word[node] && (j + 1 >= ln || !(flags_of(l[j + 1]) & F_ALNUM)))
                found |= lit->whole_first_word[node]; /* the literal is the whole first word */
        }
    }
    return found;
}

/* What measure_low finds beside the row's columns. */
typedef struct {
    uint64_t fp_hash;     /* of the fingerprint: the line's runs of letters and digits */
    int64_t filler;       /* words that are share words, stop words or numbers (classifier._share_bar) */
    int share_word;
    Token first_tokens[SHORT_LINE_WORDS];
} LowFacts;

/* The lower-case line: words (signals.words), stop, share and credit words, the fingerprint's hash, and the
 * literal families (one automaton step per character). */
static void measure_low(int64_t *row, LowFacts *facts, const Py_UCS4 *l, Py_ssize_t ln, const WordsObject *words,
                        const LiteralsObject *lit) {
    enum { OUTSIDE, RUN, SECOND_RUN } where = OUTSIDE;
    Py_ssize_t first_alnum = -1, start = 0;
    uint64_t literals = 0, fp = FNV_OFFSET, h = 0, run = 0;
    int32_t state = 0;
    const int32_t n_symbols = lit->n_symbols;
    int all_digits = 0;
    int64_t n_words = 0, n_stop = 0, filler = 0;
    int share_word = 0, credit_word = 0;
    for (Py_ssize_t j = 0; j <= ln; j++) {
        const Py_UCS4 c = j < ln ? l[j] : 0;
        const unsigned f = j < ln ? flags_of(c) : 0;
        const int alnum = (f & F_ALNUM) != 0;
        if (alnum && first_alnum < 0) {
            first_alnum = j;
            row[M_FIRST_DECIMAL] = (f & F_DECIMAL) != 0;
        }
        if (j < ln) {
            const unsigned next = lit->step[(size_t)state * n_symbols + symbol_of(lit, c)];
            state = (int32_t)(next & ~OUTPUTS);
            if (next & OUTPUTS) literals |= lit->found[state];
        }
        if (where != OUTSIDE && alnum) { /* the word goes on */
            h = fnv(h, c);
            run = fnv(run, c);
            all_digits &= (f & F_DIGIT) != 0;
            continue;
        }
        if (where == RUN && (c == '\'' || c == 0x2019) && j + 1 < ln && (flags_of(l[j + 1]) & F_ALNUM)) {
            where = SECOND_RUN; /* an apostrophe joins one more run to the word */
            h = fnv(h, c);
            fp = (fp ^ run) * FNV_PRIME;
            run = FNV_OFFSET;
            all_digits = 0;
            continue;
        }
        if (where != OUTSIDE) { /* the word ended before c */
            const Py_ssize_t length = j - start;
            const unsigned value = words_lookup(words, h, PyUnicode_4BYTE_KIND, l, start, length);
            const int stop = (value & W_STOP) != 0;
            n_stop += stop;
            share_word |= (value & W_SHARE) != 0;
            credit_word |= (value & W_CREDIT) != 0;
            filler += stop || (value & W_SHARE) || all_digits;
            if (n_words < SHORT_LINE_WORDS) facts->first_tokens[n_words] = (Token){start, length, h};
            if (!n_words) row[M_FIRST_WORD] = (int64_t)start << 32 | (int64_t)length;
            n_words++;
            fp = (fp ^ run) * FNV_PRIME;
            where = OUTSIDE;
        }
        if (alnum) { /* a new word */
            where = RUN;
            start = j;
            h = run = fnv(FNV_OFFSET, c);
            all_digits = (f & F_DIGIT) != 0;
        }
    }
    /* the anchored literals: at the line's start, and where its first word starts */
    literals |= anchored_at(lit, l, ln, 0, 1, first_alnum == 0);
    if (first_alnum > 0) literals |= anchored_at(lit, l, ln, first_alnum, 0, 1);
    row[M_WORDS] = n_words;
    row[M_STOPS] = n_stop;
    row[M_CREDIT_WORD] = credit_word;
    row[M_LITERALS] = (int64_t)literals;
    facts->fp_hash = fp;
    facts->filler = filler;
    facts->share_word = share_word;
}

/* classifier._menu: a menu bar run together (capitalised items, no stop words, or a label repeated). */
static int menu_bar(int64_t n_words, int64_t n_stop, const TextFacts *tf, const LowFacts *lf, const Py_UCS4 *l) {
    const int has_stop = n_stop > 0, bare = n_words >= 5 && !tf->clause;
    if (has_stop && !bare) return 0;
    const double share = tf->ws_alpha ? (double)tf->ws_upper / (double)tf->ws_alpha : 0.0;
    if (share == 1.0 && bare) return 1;
    if (has_stop || share < 0.9) return 0;
    if (n_words >= 6) return 1;
    const Token *tok = lf->first_tokens;
    for (int64_t a = 0; a < n_words; a++) /* a word repeated ("Events Events") */
        for (int64_t b = a + 1; b < n_words; b++)
            if (tok[a].hash == tok[b].hash && tok[a].length == tok[b].length &&
                !memcmp(l + tok[a].start, l + tok[b].start, (size_t)tok[a].length * sizeof(Py_UCS4)))
                return 1;
    return 0;
}

static PyObject *core_measure(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyList_Check(args[0]) || !PyObject_TypeCheck(args[1], &WordsType) ||
        !PyObject_TypeCheck(args[2], &LiteralsType)) {
        PyErr_SetString(PyExc_TypeError, "measure(texts: list[str], words: Words, literals: Literals, out)");
        return NULL;
    }
    PyObject *texts = args[0];
    const WordsObject *words = (const WordsObject *)args[1];
    const LiteralsObject *lit = (const LiteralsObject *)args[2];
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    Py_buffer outbuf;
    if (get_buffer(args[3], &outbuf, "q", 8, n * M_COLUMNS, 1, "measure: out") < 0) return NULL;
    int64_t *out = outbuf.buf; /* column by column: out[c * n + line] */
    memset(out, 0, (size_t)outbuf.len);
    PyObject *result = NULL;
    /* every line's lower-case form, one after the other (the fingerprint classes compare them) */
    Py_ssize_t *low_start = PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    Chars lows = {NULL, 0};
    Py_ssize_t lows_used = 0;
    Py_ssize_t *first_lens = PyMem_Malloc(((size_t)n + 1) * sizeof(Py_ssize_t));
    int64_t *changed = PyMem_Calloc(2 * (size_t)n + 2, sizeof(int64_t)); /* upper case by lower(): letters, starts */
    Chars text_chars = {NULL, 0}, low_chars = {NULL, 0};
    int resized = 0;
    ClassTable fps = {NULL, 0}, firsts = {NULL, 0};
    PyObject *lower_name = PyUnicode_InternFromString("lower");
    if (!low_start || !first_lens || !changed || !lower_name || class_table_init(&fps, n) < 0 ||
        class_table_init(&firsts, n) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t li = 0; li < n; li++) {
        PyObject *text = PyList_GET_ITEM(texts, li);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "measure: texts must be str");
            goto done;
        }
        const Py_UCS4 *t = chars_of(text, &text_chars);
        if (!t) goto done;
        const Py_ssize_t tn = PyUnicode_GET_LENGTH(text);
        Py_ssize_t ln;
        const Py_UCS4 *lowered = lower_chars(text, &low_chars, lower_name, &ln);
        if (!lowered) goto done;
        if (lows_used + ln + 1 > lows.capacity) {
            Py_UCS4 *grown = PyMem_Realloc(lows.data, (size_t)(lows_used + ln + 1) * 2 * sizeof(Py_UCS4));
            if (!grown) {
                PyErr_NoMemory();
                goto done;
            }
            lows.data = grown;
            lows.capacity = (lows_used + ln + 1) * 2;
        }
        Py_UCS4 *l = lows.data + lows_used;
        memcpy(l, lowered, (size_t)ln * sizeof(Py_UCS4));
        low_start[li] = lows_used;
        lows_used += ln;
        int64_t row[M_COLUMNS] = {0};
        TextFacts tf;
        LowFacts lf;
        measure_text(row, &tf, t, tn, l, ln);
        measure_low(row, &lf, l, ln, words, lit);
        first_lens[li] = tf.first_len;
        changed[2 * li] = tf.changed;
        changed[2 * li + 1] = tf.changed_starts;
        resized |= (int)row[M_RESIZED];
        const int64_t n_words = row[M_WORDS];
        row[M_SHARE_BAR] = lf.share_word && (double)lf.filler >= 0.8 * (double)n_words;
        row[M_MENU] = menu_bar(n_words, row[M_STOPS], &tf, &lf, l);
        /* equality classes: the first line with the same fingerprint, and with the same first word */
        size_t at = (size_t)lf.fp_hash & fps.mask;
        for (;; at = (at + 1) & fps.mask) {
            ClassSlot *s = &fps.slots[at];
            if (s->index < 0) {
                *s = (ClassSlot){lf.fp_hash, li};
                row[M_FP_ID] = li;
                break;
            }
            /* (an earlier line: its lower-case form ends where the next one starts) */
            if (s->hash == lf.fp_hash &&
                same_runs(lows.data + low_start[s->index], low_start[s->index + 1] - low_start[s->index], l, ln)) {
                row[M_FP_ID] = s->index;
                break;
            }
        }
        at = (size_t)tf.first_hash & firsts.mask;
        for (;; at = (at + 1) & firsts.mask) {
            ClassSlot *s = &firsts.slots[at];
            if (s->index < 0) {
                *s = (ClassSlot){tf.first_hash, li};
                row[M_FIRST_ID] = li;
                break;
            }
            if (s->hash == tf.first_hash && first_lens[s->index] == first_lens[li] &&
                same_prefix(PyList_GET_ITEM(texts, s->index), text, first_lens[li])) {
                row[M_FIRST_ID] = s->index;
                break;
            }
        }
        row[M_MARKS] = !row[M_SENTENCE];
        for (int k = 1; k < N_MARKS; k++) row[M_MARKS] |= (int64_t)(row[mark_columns[k - 1]] != 0) << k;
        for (int c = 0; c < M_COLUMNS; c++) out[(Py_ssize_t)c * n + li] = row[c];
    }
    /* Upper case is what lower() changes, as long as lower() keeps every line's length; else str.isupper(). */
    if (!resized)
        for (Py_ssize_t li = 0; li < n; li++) {
            out[(Py_ssize_t)M_UPPER * n + li] = changed[2 * li];
            out[(Py_ssize_t)M_CAPITAL_STARTS * n + li] = changed[2 * li + 1];
        }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(changed);
    PyMem_Free(text_chars.data);
    PyMem_Free(low_chars.data);
    PyMem_Free(lows.data);
    PyMem_Free(low_start);
    PyMem_Free(first_lens);
    PyMem_Free(fps.slots);
    PyMem_Free(firsts.slots);
    Py_XDECREF(lower_name);
    PyBuffer_Release(&outbuf);
    return result;
}

/* ------------------------------------------------------------------------------------------------
 * word_counts(texts, first, words, out): how many words (signals.words of each lower-cased text) have each
 * value v in `words` (out[v]; out[0]: the words it does not hold); `first`, a small table of some of the same
 * words with the same values, is asked first.  The last two entries of out get how many words `first` held,
 * and how many either held.  The stop-list choice counts its sample this way.
 */
static PyObject *core_word_counts(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyList_Check(args[0]) || !PyObject_TypeCheck(args[1], &WordsType) ||
        !PyObject_TypeCheck(args[2], &WordsType)) {
        PyErr_SetString(PyExc_TypeError, "word_counts(texts: list[str], first: Words, words: Words, out)");
        return NULL;
    }
    const WordsObject *first = (const WordsObject *)args[1], *words = (const WordsObject *)args[2];
    Py_buffer outbuf;
    if (get_buffer(args[3], &outbuf, "q", 8, -1, 1, "word_counts: out") < 0) return NULL;
    int64_t *out = outbuf.buf;
    const Py_ssize_t n_out = outbuf.len / 8 - 2;
    int64_t in_first = 0, held = 0;
    PyObject *lower_name = PyUnicode_InternFromString("lower"), *result = NULL;
    Chars low_chars = {NULL, 0};
    if (n_out < 1) {
        PyErr_SetString(PyExc_ValueError, "word_counts: out too short");
        goto done;
    }
    if (!lower_name) goto done;
    for (Py_ssize_t li = 0; li < PyList_GET_SIZE(args[0]); li++) {
        PyObject *text = PyList_GET_ITEM(args[0], li);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "word_counts: texts must be str");
            goto done;
        }
        Py_ssize_t ln;
        const Py_UCS4 *l = lower_chars(text, &low_chars, lower_name, &ln);
        if (!l) goto done;
        Py_ssize_t j = 0;
        while (j < ln) {
            Py_UCS4 c = l[j];
            if (!(flags_of(c) & F_ALNUM)) {
                j++;
                continue;
            }
            /* a word: a run of letters and digits, and once an apostrophe and another run (signals._WORD) */
            const Py_ssize_t start = j;
            uint64_t h = FNV_OFFSET;
            int joined = 0;
            for (;;) {
                h = fnv(h, c);
                if (++j >= ln) break;
                c = l[j];
                if ((flags_of(c) & F_ALNUM)) continue;
                if (!joined && (c == '\'' || c == 0x2019) && j + 1 < ln && (flags_of(l[j + 1]) & F_ALNUM)) {
                    joined = 1;
                    continue;
                }
                break;
            }
            unsigned value = words_lookup(first, h, PyUnicode_4BYTE_KIND, l, start, j - start);
            in_first += value != 0;
            if (!value) value = words_lookup(words, h, PyUnicode_4BYTE_KIND, l, start, j - start);
            held += value != 0;
            if ((Py_ssize_t)value < n_out) out[value]++;
        }
    }
    out[n_out] = in_first;
    out[n_out + 1] = held;
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(low_chars.data);
    Py_XDECREF(lower_name);
    PyBuffer_Release(&outbuf);
    return result;
}

/* ------------------------------------------------------------------------------------------------
 * gate(rows, table, out): classifier.gate.  out[u] = 1 where line u (a column of the measure rows) meets some
 * term of the table (int64 rows of: any_of, all_of, min_words, max_words, max_chars; bits of the literal
 * families, and of the marks shifted by GATE_MARK_SHIFT).
 */
#define GATE_MARK_SHIFT 32
static PyObject *core_gate(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "gate(rows, table, out)");
        return NULL;
    }
    Py_buffer rows, table, outbuf;
    if (get_buffer(args[0], &rows, "q", 8, -1, 0, "gate: rows") < 0) return NULL;
    if (get_buffer(args[1], &table, "q", 8, -1, 0, "gate: table") < 0) {
        PyBuffer_Release(&rows);
        return NULL;
    }
    const Py_ssize_t n = rows.len / 8 / M_COLUMNS, n_terms = table.len / 8 / 5;
    if (rows.len != n * M_COLUMNS * 8 || table.len != n_terms * 5 * 8 ||
        get_buffer(args[2], &outbuf, "B", 1, n, 1, "gate: out") < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "gate: rows or table of the wrong size");
        PyBuffer_Release(&rows);
        PyBuffer_Release(&table);
        return NULL;
    }
    const int64_t *r = rows.buf, *t = table.buf;
    unsigned char *out = outbuf.buf;
    for (Py_ssize_t u = 0; u < n; u++) {
        const uint64_t bits = (uint64_t)r[(Py_ssize_t)M_LITERALS * n + u] |
                              (uint64_t)r[(Py_ssize_t)M_MARKS * n + u] << GATE_MARK_SHIFT;
        const int64_t words = r[(Py_ssize_t)M_WORDS * n + u], chars = r[(Py_ssize_t)M_CHARS * n + u];
        int met = 0;
        for (Py_ssize_t k = 0; k < n_terms && !met; k++) {
            const int64_t *term = t + 5 * k;
            const uint64_t any_of = (uint64_t)term[0], all_of = (uint64_t)term[1];
            met = (!any_of || (bits & any_of)) && (bits & all_of) == all_of && words >= term[2] && words <= term[3] &&
                  chars <= term[4];
        }
        out[u] = (unsigned char)met;
    }
    PyBuffer_Release(&rows);
    PyBuffer_Release(&table);
    PyBuffer_Release(&outbuf);
    Py_RETURN_NONE;
}

/* ------------------------------------------------------------------------------------------------
 * distinct(lines, k, order) -> (unique, longest): the distinct lines in order of first appearance, each line's
 * index among them written to order (int64), and the indices of the k longest lines (longest first; on a tie
 * the earlier line first), as classifier.measure_page reads them.
 */
static PyObject *core_distinct(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "distinct(lines: list[str], k, order)");
        return NULL;
    }
    PyObject *lines = args[0];
    const Py_ssize_t n = PyList_GET_SIZE(lines), k = PyLong_AsSsize_t(args[1]);
    if (k < 0) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "distinct: k >= 0 expected");
        return NULL;
    }
    Py_buffer orderbuf;
    if (get_buffer(args[2], &orderbuf, "q", 8, n, 1, "distinct: order") < 0) return NULL;
    int64_t *order = orderbuf.buf;
    PyObject *unique = PyList_New(0), *position = PyDict_New(), *result = NULL;
    Py_ssize_t *top = PyMem_Malloc(((size_t)k + 1) * sizeof(Py_ssize_t)), n_top = 0;
    if (!unique || !position || !top) goto done;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *line = PyList_GET_ITEM(lines, i);
        if (!PyUnicode_Check(line)) {
            PyErr_SetString(PyExc_TypeError, "distinct: lines must be str");
            goto done;
        }
        PyObject *at = PyDict_GetItemWithError(position, line);
        if (at) order[i] = PyLong_AsSsize_t(at);
        else {
            if (PyErr_Occurred()) goto done;
            PyObject *number = PyLong_FromSsize_t(PyList_GET_SIZE(unique));
            if (!number || PyDict_SetItem(position, line, number) < 0 || PyList_Append(unique, line) < 0) {
                Py_XDECREF(number);
                goto done;
            }
            order[i] = PyList_GET_SIZE(unique) - 1;
            Py_DECREF(number);
        }
        /* the k longest so far, longest first, earlier first among equals */
        const Py_ssize_t len = PyUnicode_GET_LENGTH(line);
        if (n_top == k && (k == 0 || len <= PyUnicode_GET_LENGTH(PyList_GET_ITEM(lines, top[k - 1])))) continue;
        Py_ssize_t at_rank = n_top < k ? n_top++ : k - 1;
        while (at_rank > 0 && PyUnicode_GET_LENGTH(PyList_GET_ITEM(lines, top[at_rank - 1])) < len) {
            top[at_rank] = top[at_rank - 1];
            at_rank--;
        }
        top[at_rank] = i;
    }
    PyObject *longest = PyList_New(n_top);
    if (!longest) goto done;
    for (Py_ssize_t r = 0; r < n_top; r++) PyList_SET_ITEM(longest, r, PyLong_FromSsize_t(top[r]));
    result = PyTuple_Pack(2, unique, longest);
    Py_DECREF(longest);
done:
    PyMem_Free(top);
    Py_XDECREF(unique);
    Py_XDECREF(position);
    PyBuffer_Release(&orderbuf);
    return result;
}

/* ------------------------------------------------------------------------------------------------
 * best_run(weights, lo, hi) -> (start, end, score): classifier._best_run, Kadane's maximum-sum segment.
 */
static PyObject *core_best_run(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    Py_ssize_t lo, hi;
    if (nargs != 3 || (lo = PyLong_AsSsize_t(args[1])) == -1 || (hi = PyLong_AsSsize_t(args[2])) == -1) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_TypeError, "best_run(weights, lo, hi)");
        return NULL;
    }
    Py_buffer view;
    if (get_buffer(args[0], &view, "d", 8, -1, 0, "best_run: weights") < 0) return NULL;
    const double *w = view.buf;
    const Py_ssize_t n = view.len / 8;
    if (lo < 0 || hi > n || lo > hi) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_IndexError, "best_run: lo and hi out of range");
        return NULL;
    }
    double best = 0.0, run = 0.0;
    Py_ssize_t best_start = lo, best_end = lo, start = lo;
    for (Py_ssize_t i = lo; i < hi; i++) {
        if (run <= 0) {
            run = 0.0;
            start = i;
        }
        run += w[i];
        if (run > best) {
            best = run;
            best_start = start;
            best_end = i + 1;
        }
    }
    PyBuffer_Release(&view);
    return Py_BuildValue("nnd", best_start, best_end, best);
}

/* ------------------------------------------------------------------------------------------------
 * The line model's rows (features.page_table) and the trees (model.LineModel.logits).
 *
 * The column layout is features.FEATURES: OWN (21), PLACE (17), NEIGHBOURS (15 columns x 6 windows x
 * before/after), ONE_HOT (4 x 18 classes).  features.py checks LAYOUT below against its own names.
 */
enum {
    O_LOG_CHARS, O_LOG_WORDS, O_STOP_DENSITY, O_SENTENCE_END, O_PROSE, O_CAPITALISED_SHARE, O_DIGIT_SHARE,
    O_COMMAS_PER_WORD, O_HAS_URL, O_HEADLINE_SHAPE, O_LOG_REPEATS, O_FIRST_LOWER, O_ENDS_COLON, O_STARTS_DIGIT,
    O_STARTS_BULLET, O_UPPER_SHARE, O_MEAN_WORD_LENGTH, O_INNER_SENTENCES, O_PUNCT_SHARE, O_HAS_SEPARATOR,
    O_HAS_COPYRIGHT, N_OWN
};
#define N_PLACE 17
#define N_WINDOWS 6
#define N_WINDOWED 15
#define N_CLASSES 18
#define N_FEATURES (N_OWN + N_PLACE + N_WINDOWED * N_WINDOWS * 2 + 4 * N_CLASSES)
static const int windows[N_WINDOWS] = {1, 2, 3, 5, 10, 25};
/* The windowed columns: an OWN column, or -1 for the region weight, -2 for "the rules gave it a class". */
static const int windowed_source[N_WINDOWED] = {
    O_PROSE, O_LOG_CHARS, O_STOP_DENSITY, O_SENTENCE_END, -1, O_CAPITALISED_SHARE, O_DIGIT_SHARE, O_FIRST_LOWER,
    O_LOG_REPEATS, O_UPPER_SHARE, O_PUNCT_SHARE, O_ENDS_COLON, O_HEADLINE_SHAPE, O_MEAN_WORD_LENGTH, -2,
};
static const char *const layout_own[N_OWN] = {
    "log_chars", "log_words", "stop_density", "sentence_end", "prose", "capitalised_share", "digit_share",
    "commas_per_word", "has_url", "headline_shape", "log_repeats", "first_lower", "ends_colon", "starts_digit",
    "starts_bullet", "upper_share", "mean_word_length", "inner_sentences", "punct_share", "has_separator",
    "has_copyright",
};
static const char *const layout_place[N_PLACE] = {
    "relative_position", "in_region", "before_region", "log_distance_region", "prose_before_share",
    "prose_after_share", "log_distance_prose_before", "log_distance_prose_after", "region_weight", "log_run_length",
    "run_position", "prose_before_log_chars", "prose_after_log_chars", "same_first_word_before",
    "same_first_word_after", "log_prose_within_50", "log_prose_within_100",
};
static const char *const layout_windowed[N_WINDOWED] = {
    "prose", "log_chars", "stop_density", "sentence_end", "region_weight", "capitalised_share", "digit_share",
    "first_lower", "log_repeats", "upper_share", "punct_share", "ends_colon", "headline_shape", "mean_word_length",
    "furniture",
};

typedef struct {
    Py_ssize_t n, start, end;
    double *own;         /* n_unique x N_OWN, made from the measure rows (features.own_columns) */
    const int64_t *order;
    const int64_t *cls, *dec;
    double *chars;       /* n_unique */
    int64_t *first_id;   /* n_unique */
    const double *log1p_table, *log_table;
    double *log_repeats, *weights, *same_first;
    double *prose_chars_cum, *dist_before, *dist_after, *len_before, *len_after, *run_length, *run_position;
    double *cum_prose;   /* n + 1 */
    double *cums;        /* (n + 1) x N_WINDOWED */
    double total;
    int none;
} Page;

typedef struct {
    Py_buffer rows, stops, good, url, order, weights, cls, dec, log1p_table, log_table;
    int held;
} PageBuffers;

static void release_page_buffers(PageBuffers *b) {
    Py_buffer *all[] = {&b->rows, &b->stops, &b->good, &b->url, &b->order, &b->weights, &b->cls, &b->dec,
                        &b->log1p_table, &b->log_table};
    for (int i = 0; i < b->held; i++) PyBuffer_Release(all[i]);
    b->held = 0;
}

static void free_page(Page *p) {
    PyMem_Free(p->own);
    p->own = NULL;
    PyMem_Free(p->chars);
    p->chars = NULL;
    PyMem_Free(p->first_id);
    p->first_id = NULL;
    PyMem_Free(p->log_repeats);
    p->log_repeats = NULL;
    PyMem_Free(p->cums);
    p->cums = NULL;
}

/* features.own_columns in C: the OWN columns of each distinct line from its measure row, with the log1p values
 * numpy computed (the tables), so that the two agree to the bit. */
static void own_columns(const int64_t *rows, Py_ssize_t n_unique, const double *stops, const unsigned char *good,
                        const unsigned char *url, const double *log1p_table, double *own) {
#define COLUMN(c, u) rows[(Py_ssize_t)(c) * n_unique + (u)]
    for (Py_ssize_t u = 0; u < n_unique; u++) {
        double *o = own + u * N_OWN;
        const int64_t chars = COLUMN(M_CHARS, u), words = COLUMN(M_WORDS, u);
        const double some_chars = (double)(chars > 1 ? chars : 1), some_words = (double)(words > 1 ? words : 1);
        const int64_t sentence = COLUMN(M_SENTENCE, u) != 0, alpha = COLUMN(M_ALPHA_STARTS, u);
        const int64_t letters = COLUMN(M_LETTERS, u);
        o[O_LOG_CHARS] = log1p_table[chars];
        o[O_LOG_WORDS] = log1p_table[words];
        o[O_STOP_DENSITY] = stops[u];
        o[O_SENTENCE_END] = (double)sentence;
        o[O_PROSE] = good[u] ? 1.0 : 0.0;
        o[O_CAPITALISED_SHARE] = (double)COLUMN(M_CAPITAL_STARTS, u) / (double)(alpha > 1 ? alpha : 1);
        o[O_DIGIT_SHARE] = (double)COLUMN(M_DIGITS, u) / some_chars;
        o[O_COMMAS_PER_WORD] = (double)COLUMN(M_COMMAS, u) / some_words;
        o[O_HAS_URL] = url[u] ? 1.0 : 0.0;
        o[O_HEADLINE_SHAPE] = words >= 3 && words <= 20 && COLUMN(M_FIRST_UPPER, u) &&
                              !(sentence || COLUMN(M_LAST_CLAUSE, u));
        o[O_LOG_REPEATS] = 0.0; /* the page's: per line, in prepare_page */
        o[O_FIRST_LOWER] = (double)(COLUMN(M_FIRST_LOWER, u) != 0);
        o[O_ENDS_COLON] = (double)(COLUMN(M_ENDS_COLON, u) != 0);
        o[O_STARTS_DIGIT] = (double)(COLUMN(M_FIRST_DIGIT, u) != 0);
        o[O_STARTS_BULLET] = (double)(COLUMN(M_FIRST_BULLET, u) != 0);
        o[O_UPPER_SHARE] = (double)COLUMN(M_UPPER, u) / (double)(letters > 1 ? letters : 1);
        o[O_MEAN_WORD_LENGTH] = (double)chars / some_words;
        o[O_INNER_SENTENCES] = log1p_table[COLUMN(M_INNER_ENDS, u)];
        o[O_PUNCT_SHARE] = (double)COLUMN(M_PUNCT, u) / some_chars;
        o[O_HAS_SEPARATOR] = (double)(COLUMN(M_SEPARATOR, u) != 0);
        o[O_HAS_COPYRIGHT] = (double)(COLUMN(M_COPYRIGHT, u) != 0);
    }
#undef COLUMN
}

/* Parse (rows, stops, good, url, order, weights, cls, dec, start, end, log1p_table, log_table) and compute every
 * per-line quantity the rows read (features.page_table's arrays before the table is filled). */
static int prepare_page(PyObject *const *args, PageBuffers *b, Page *p) {
    memset(p, 0, sizeof(*p));
    b->held = 0;
    if (get_buffer(args[0], &b->rows, "q", 8, -1, 0, "rows") < 0) return -1;
    b->held = 1;
    if (b->rows.len % (M_COLUMNS * 8)) {
        PyErr_SetString(PyExc_ValueError, "rows: the measure columns of each distinct line expected");
        return -1;
    }
    const Py_ssize_t n_unique = b->rows.len / (M_COLUMNS * 8);
    if (get_buffer(args[1], &b->stops, "d", 8, n_unique, 0, "stops") < 0) return -1;
    b->held = 2;
    if (get_buffer(args[2], &b->good, "B", 1, n_unique, 0, "good") < 0) return -1;
    b->held = 3;
    if (get_buffer(args[3], &b->url, "B", 1, n_unique, 0, "url") < 0) return -1;
    b->held = 4;
    if (get_buffer(args[4], &b->order, "q", 8, -1, 0, "order") < 0) return -1;
    b->held = 5;
    const Py_ssize_t n = b->order.len / 8;
    if (get_buffer(args[5], &b->weights, "d", 8, n, 0, "weights") < 0) return -1;
    b->held = 6;
    if (get_buffer(args[6], &b->cls, "q", 8, n, 0, "cls") < 0) return -1;
    b->held = 7;
    if (get_buffer(args[7], &b->dec, "q", 8, n, 0, "dec") < 0) return -1;
    b->held = 8;
    Py_ssize_t start = PyLong_AsSsize_t(args[8]), end = PyLong_AsSsize_t(args[9]);
    if (PyErr_Occurred()) return -1;
    if (get_buffer(args[10], &b->log1p_table, "d", 8, -1, 0, "log1p_table") < 0) return -1;
    b->held = 9;
    if (get_buffer(args[11], &b->log_table, "d", 8, -1, 0, "log_table") < 0) return -1;
    b->held = 10;
    const int64_t *rows = b->rows.buf;
    Py_ssize_t needed = n + 202;
    for (Py_ssize_t u = 0; u < n_unique; u++) {
        const int64_t most = rows[(Py_ssize_t)M_CHARS * n_unique + u]; /* words and inner ends are fewer */
        if (most + 1 > needed) needed = most + 1;
    }
    if (b->log1p_table.len / 8 < needed || b->log_table.len / 8 < n + 1) {
        PyErr_SetString(PyExc_ValueError, "log tables shorter than the page needs");
        return -1;
    }
    const int64_t *order = b->order.buf, *cls = b->cls.buf, *dec = b->dec.buf;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (order[i] < 0 || order[i] >= n_unique || cls[i] < 0 || cls[i] >= N_CLASSES || dec[i] < 0 ||
            dec[i] >= N_CLASSES) {
            PyErr_SetString(PyExc_ValueError, "order, cls or dec out of range");
            return -1;
        }
    }
    p->own = PyMem_Malloc(((size_t)n_unique * N_OWN + 1) * sizeof(double));
    p->chars = PyMem_Malloc(((size_t)n_unique + 1) * sizeof(double));
    p->first_id = PyMem_Malloc(((size_t)n_unique + 1) * sizeof(int64_t));
    if (!p->own || !p->chars || !p->first_id) {
        PyErr_NoMemory();
        return -1;
    }
    own_columns(rows, n_unique, b->stops.buf, b->good.buf, b->url.buf, b->log1p_table.buf, p->own);
    for (Py_ssize_t u = 0; u < n_unique; u++) {
        p->chars[u] = (double)rows[(Py_ssize_t)M_CHARS * n_unique + u];
        p->first_id[u] = rows[(Py_ssize_t)M_FIRST_ID * n_unique + u];
    }
    p->n = n;
    p->start = start;
    p->end = end;
    p->order = order;
    p->cls = cls;
    p->dec = dec;
    p->weights = b->weights.buf;
    p->log1p_table = b->log1p_table.buf;
    p->log_table = b->log_table.buf;
    p->none = N_CLASSES - 1;
    /* one block for the per-line arrays */
    double *block = PyMem_Malloc(((size_t)n * 10 + 2) * sizeof(double)); /* every entry is written below */
    p->cums = PyMem_Malloc(((size_t)n + 1) * N_WINDOWED * sizeof(double));
    int64_t *repeats = PyMem_Calloc((size_t)n_unique + 1, sizeof(int64_t));
    if (!block || !p->cums || !repeats) {
        PyMem_Free(block);
        PyMem_Free(repeats);
        PyErr_NoMemory();
        return -1;
    }
    p->log_repeats = block;
    p->same_first = block + n;
    p->prose_chars_cum = block + 2 * n;
    p->dist_before = block + 3 * n;
    p->dist_after = block + 4 * n;
    p->len_before = block + 5 * n;
    p->len_after = block + 6 * n;
    p->run_length = block + 7 * n;
    p->run_position = block + 8 * n;
    p->cum_prose = block + 9 * n; /* n + 1 values */
    const double *own = p->own, *chars = p->chars;
    const int64_t *first_id = p->first_id;
    for (Py_ssize_t i = 0; i < n; i++) repeats[order[i]]++;
    double cum = 0.0, cum_prose = 0.0;
    p->cum_prose[0] = 0.0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const double *o = own + order[i] * N_OWN;
        p->log_repeats[i] = p->log_table[repeats[order[i]]];
        cum += chars[order[i]] * o[O_PROSE];
        p->prose_chars_cum[i] = cum;
        cum_prose += o[O_PROSE];
        p->cum_prose[i + 1] = cum_prose;
        if (i + 1 < n) p->same_first[i] = first_id[order[i]] == first_id[order[i + 1]] ? 1.0 : 0.0;
    }
    PyMem_Free(repeats);
    p->total = (n && cum > 0) ? cum : 1.0;
    /* nearest prose line before / after (features._nearest) */
    Py_ssize_t last = -1000000;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_ssize_t d = i - last;
        p->dist_before[i] = (double)(d < 200 ? d : 200);
        p->len_before[i] = last >= 0 ? own[order[last] * N_OWN + O_LOG_CHARS] : 0.0;
        if (own[order[i] * N_OWN + O_PROSE] > 0) last = i;
    }
    Py_ssize_t next = 1000000;
    for (Py_ssize_t i = n - 1; i >= 0; i--) {
        const Py_ssize_t d = next - i;
        p->dist_after[i] = (double)(d < 200 ? d : 200);
        p->len_after[i] = next < n ? own[order[next] * N_OWN + O_LOG_CHARS] : 0.0;
        if (own[order[i] * N_OWN + O_PROSE] > 0) next = i;
    }
    /* runs of non-prose lines (features._runs) */
    for (Py_ssize_t i = 0; i < n;) {
        if (own[order[i] * N_OWN + O_PROSE] > 0) {
            p->run_length[i] = 0.0;
            p->run_position[i] = 0.0;
            i++;
            continue;
        }
        Py_ssize_t j = i;
        while (j < n && !(own[order[j] * N_OWN + O_PROSE] > 0)) j++;
        const double length = (double)(j - i);
        for (Py_ssize_t k = i; k < j; k++) {
            p->run_length[k] = length;
            p->run_position[k] = ((double)(k - i) + 0.5) / (length > 1.0 ? length : 1.0);
        }
        i = j;
    }
    /* cumulative sums of the windowed columns */
    for (int c = 0; c < N_WINDOWED; c++) p->cums[c] = 0.0;
    double *acc = p->cums + N_WINDOWED;
    for (Py_ssize_t i = 0; i < n; i++, acc += N_WINDOWED) {
        const double *o = own + order[i] * N_OWN;
        for (int c = 0; c < N_WINDOWED; c++) {
            const int src = windowed_source[c];
            const double v = src >= 0 ? (src == O_LOG_REPEATS ? p->log_repeats[i] : o[src])
                             : src == -1 ? p->weights[i]
                                         : (cls[i] != p->none ? 1.0 : 0.0);
            acc[c] = acc[c - N_WINDOWED] + v;
        }
    }
    return 0;
}

/* Row i of the feature table, written to out[0], out[stride], out[2 * stride], … (a row of the table, or a
 * column of a block of rows for the trees). */
static void build_row(const Page *p, Py_ssize_t i, double *out, Py_ssize_t stride) {
#define PUT(f, v) out[(Py_ssize_t)(f) * stride] = (v)
    const Py_ssize_t n = p->n;
    const double *o = p->own + p->order[i] * N_OWN;
    for (int f = 0; f < N_OWN; f++) PUT(f, o[f]);
    PUT(O_LOG_REPEATS, p->log_repeats[i]);
    const int pl = N_OWN;
    PUT(pl + 0, (double)i / (double)n);
    PUT(pl + 1, (i >= p->start && i < p->end) ? 1.0 : 0.0);
    PUT(pl + 2, i < p->start ? 1.0 : 0.0);
    const Py_ssize_t outside = p->start - i > i - p->end + 1 ? p->start - i : i - p->end + 1;
    PUT(pl + 3, p->log1p_table[outside > 0 ? outside : 0]);
    const double cum = p->prose_chars_cum[i];
    PUT(pl + 4, (cum - p->chars[p->order[i]] * o[O_PROSE]) / p->total);
    PUT(pl + 5, (p->total - cum) / p->total);
    PUT(pl + 6, p->log1p_table[(Py_ssize_t)p->dist_before[i]]);
    PUT(pl + 7, p->log1p_table[(Py_ssize_t)p->dist_after[i]]);
    PUT(pl + 8, p->weights[i]);
    PUT(pl + 9, p->log1p_table[(Py_ssize_t)p->run_length[i]]);
    PUT(pl + 10, p->run_position[i]);
    PUT(pl + 11, p->len_before[i]);
    PUT(pl + 12, p->len_after[i]);
    PUT(pl + 13, i > 0 ? p->same_first[i - 1] : 0.0);
    PUT(pl + 14, i + 1 < n ? p->same_first[i] : 0.0);
    const Py_ssize_t hi50 = i + 51 < n ? i + 51 : n, lo50 = i - 50 > 0 ? i - 50 : 0;
    const Py_ssize_t hi100 = i + 101 < n ? i + 101 : n, lo100 = i - 100 > 0 ? i - 100 : 0;
    PUT(pl + 15, p->log1p_table[(Py_ssize_t)(p->cum_prose[hi50] - p->cum_prose[lo50])]);
    PUT(pl + 16, p->log1p_table[(Py_ssize_t)(p->cum_prose[hi100] - p->cum_prose[lo100])]);
    const int nb = N_OWN + N_PLACE;
    const double *at = p->cums + i * N_WINDOWED, *after_start = p->cums + (i + 1) * N_WINDOWED;
    for (int w = 0; w < N_WINDOWS; w++) {
        const Py_ssize_t k = windows[w];
        const Py_ssize_t lo = i - k > 0 ? i - k : 0, hi = i + k + 1 < n ? i + k + 1 : n;
        const double nb_before = (double)(i - lo > 1 ? i - lo : 1), nb_after = (double)(hi - i - 1 > 1 ? hi - i - 1 : 1);
        const double *from = p->cums + lo * N_WINDOWED, *to = p->cums + hi * N_WINDOWED;
        for (int c = 0; c < N_WINDOWED; c++) {
            PUT(nb + (c * N_WINDOWS + w) * 2, (at[c] - from[c]) / nb_before);
            PUT(nb + (c * N_WINDOWS + w) * 2 + 1, (to[c] - after_start[c]) / nb_after);
        }
    }
    const int hot = nb + N_WINDOWED * N_WINDOWS * 2;
    for (int f = hot; f < hot + 4 * N_CLASSES; f++) PUT(f, 0.0);
    PUT(hot + p->cls[i], 1.0);
    PUT(hot + N_CLASSES + p->dec[i], 1.0);
    if (i > 0) PUT(hot + 2 * N_CLASSES + p->cls[i - 1], 1.0);
    if (i + 1 < n) PUT(hot + 3 * N_CLASSES + p->cls[i + 1], 1.0);
#undef PUT
}

#define PAGE_ARGS 12
#define TREE_BLOCK 16
#define PAGE_SIGNATURE "rows, stops, good, url, order, weights, cls, dec, start, end, log1p_table, log_table"

static PyObject *core_page_table(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != PAGE_ARGS + 1) {
        PyErr_SetString(PyExc_TypeError, "page_table(" PAGE_SIGNATURE ", out)");
        return NULL;
    }
    PageBuffers b;
    Page p;
    Py_buffer outbuf;
    PyObject *result = NULL;
    if (prepare_page(args, &b, &p) < 0) goto done;
    if (get_buffer(args[PAGE_ARGS], &outbuf, "d", 8, p.n * N_FEATURES, 1, "page_table: out") < 0) goto done;
    double *out = outbuf.buf;
    for (Py_ssize_t i = 0; i < p.n; i++) build_row(&p, i, out + i * N_FEATURES, 1);
    PyBuffer_Release(&outbuf);
    result = Py_NewRef(Py_None);
done:
    free_page(&p);
    release_page_buffers(&b);
    return result;
}

/* The trees' sums of leaves for a block of TREE_BLOCK rows stored feature by feature (block[f * TREE_BLOCK + r]).
 * Each level of a tree compares one feature of all the block's rows with its border at once.  The leaves of each
 * row are added tree by tree, in the trees' order, as model.LineModel.logits adds them. */
static void trees_block_generic(const double *block, const int64_t *feat, const double *bord, const double *leaf,
                                Py_ssize_t n_trees, Py_ssize_t depth, double *sums) {
    const Py_ssize_t n_leaves = (Py_ssize_t)1 << depth;
    for (int r = 0; r < TREE_BLOCK; r++) sums[r] = 0.0;
    for (Py_ssize_t t = 0; t < n_trees; t++) {
        const int64_t *f = feat + t * depth;
        const double *bo = bord + t * depth, *lv = leaf + t * n_leaves;
        int64_t index[TREE_BLOCK] = {0};
        for (Py_ssize_t d = 0; d < depth; d++) {
            const double *column = block + f[d] * TREE_BLOCK;
            const int64_t bit = (int64_t)1 << d;
            for (int r = 0; r < TREE_BLOCK; r++) index[r] |= column[r] > bo[d] ? bit : 0;
        }
        for (int r = 0; r < TREE_BLOCK; r++) sums[r] += lv[index[r]];
    }
}

#if defined(__GNUC__) && defined(__x86_64__)
#include <immintrin.h>
#define HAVE_AVX2_TREES 1
/* The same with AVX2: four rows per instruction, the leaves fetched by gathers. */
__attribute__((target("avx2"))) static void trees_block_avx2(const double *block, const int64_t *feat,
                                                             const double *bord, const double *leaf,
                                                             Py_ssize_t n_trees, Py_ssize_t depth, double *sums) {
    const Py_ssize_t n_leaves = (Py_ssize_t)1 << depth;
    __m256d total[TREE_BLOCK / 4];
    for (int k = 0; k < TREE_BLOCK / 4; k++) total[k] = _mm256_setzero_pd();
    for (Py_ssize_t t = 0; t < n_trees; t++) {
        const int64_t *f = feat + t * depth;
        const double *bo = bord + t * depth, *lv = leaf + t * n_leaves;
        __m256i index[TREE_BLOCK / 4];
        for (int k = 0; k < TREE_BLOCK / 4; k++) index[k] = _mm256_setzero_si256();
        for (Py_ssize_t d = 0; d < depth; d++) {
            const double *column = block + f[d] * TREE_BLOCK;
            const __m256d border = _mm256_set1_pd(bo[d]);
            const __m256i bit = _mm256_set1_epi64x((int64_t)1 << d);
            for (int k = 0; k < TREE_BLOCK / 4; k++) {
                const __m256d above = _mm256_cmp_pd(_mm256_loadu_pd(column + 4 * k), border, _CMP_GT_OQ);
                index[k] = _mm256_or_si256(index[k], _mm256_and_si256(_mm256_castpd_si256(above), bit));
            }
        }
        for (int k = 0; k < TREE_BLOCK / 4; k++)
            total[k] = _mm256_add_pd(total[k], _mm256_i64gather_pd(lv, index[k], 8));
    }
    for (int k = 0; k < TREE_BLOCK / 4; k++) _mm256_storeu_pd(sums + 4 * k, total[k]);
}
#endif

static int use_avx2 = 0; /* set when the module loads, from what the processor has */

static void trees_block(const double *block, const int64_t *feat, const double *bord, const double *leaf,
                        Py_ssize_t n_trees, Py_ssize_t depth, double *sums) {
#ifdef HAVE_AVX2_TREES
    if (use_avx2) {
        trees_block_avx2(block, feat, bord, leaf, n_trees, depth, sums);
        return;
    }
#endif
    trees_block_generic(block, feat, bord, leaf, n_trees, depth, sums);
}

/* page_logits(<page>, split_feature, split_border, leaves, depth, scale, bias, rows, out): the trees' logit for
 * each line whose byte in `rows` is set (the others are left as they are in out).  Trees are oblivious: tree t
 * sends a row to leaf sum(2**d for each level d where row[split_feature[t, d]] > split_border[t, d]). */
static PyObject *core_page_logits(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != PAGE_ARGS + 8) {
        PyErr_SetString(PyExc_TypeError, "page_logits(" PAGE_SIGNATURE
                                         ", split_feature, split_border, leaves, depth, scale, bias, rows, out)");
        return NULL;
    }
    PageBuffers b;
    Page p;
    Py_buffer feature = {0}, border = {0}, leaves = {0}, rows = {0}, outbuf = {0};
    int held = 0;
    PyObject *result = NULL;
    const Py_ssize_t depth = PyLong_AsSsize_t(args[PAGE_ARGS + 3]);
    const double scale = PyFloat_AsDouble(args[PAGE_ARGS + 4]), bias = PyFloat_AsDouble(args[PAGE_ARGS + 5]);
    if (PyErr_Occurred()) return NULL;
    if (depth < 0 || depth > 16) {
        PyErr_SetString(PyExc_ValueError, "page_logits: depth 0-16 expected");
        return NULL;
    }
    if (prepare_page(args, &b, &p) < 0) goto done;
    if (get_buffer(args[PAGE_ARGS], &feature, "q", 8, -1, 0, "split_feature") < 0) goto done;
    held = 1;
    const Py_ssize_t n_splits = feature.len / 8;
    if (get_buffer(args[PAGE_ARGS + 1], &border, "d", 8, n_splits, 0, "split_border") < 0) goto done;
    held = 2;
    if (get_buffer(args[PAGE_ARGS + 2], &leaves, "d", 8, -1, 0, "leaves") < 0) goto done;
    held = 3;
    if (get_buffer(args[PAGE_ARGS + 6], &rows, "B", 1, p.n, 0, "rows") < 0) goto done;
    held = 4;
    if (get_buffer(args[PAGE_ARGS + 7], &outbuf, "d", 8, p.n, 1, "out") < 0) goto done;
    held = 5;
    const Py_ssize_t n_trees = depth ? n_splits / depth : 0;
    const Py_ssize_t n_leaves = (Py_ssize_t)1 << depth;
    if (n_trees * depth != n_splits || leaves.len / 8 != n_trees * n_leaves) {
        PyErr_SetString(PyExc_ValueError, "page_logits: splits and leaves do not make trees of that depth");
        goto done;
    }
    const int64_t *feat = feature.buf;
    for (Py_ssize_t s = 0; s < n_splits; s++)
        if (feat[s] < 0 || feat[s] >= N_FEATURES) {
            PyErr_SetString(PyExc_ValueError, "page_logits: split feature out of range");
            goto done;
        }
    const double *bord = border.buf, *leaf = leaves.buf;
    const unsigned char *wanted = rows.buf;
    double *out = outbuf.buf;
    /* Rows go through the trees TREE_BLOCK at a time, the block stored feature by feature, so that each level
     * of a tree is one comparison over the block's values of one feature (a loop the compiler vectorises).
     * Each row's leaves are still added tree by tree, in the trees' order, as LineModel.logits adds them. */
    double *block = PyMem_Malloc((size_t)N_FEATURES * TREE_BLOCK * sizeof(double));
    if (!block) {
        PyErr_NoMemory();
        goto done;
    }
    memset(block, 0, (size_t)N_FEATURES * TREE_BLOCK * sizeof(double));
    Py_ssize_t members[TREE_BLOCK];
    int filled = 0;
    for (Py_ssize_t i = 0; i <= p.n; i++) {
        if (i < p.n) {
            if (!wanted[i]) continue;
            build_row(&p, i, block + filled, TREE_BLOCK);
            members[filled++] = i;
            if (filled < TREE_BLOCK) continue;
        }
        if (!filled) break;
        double sums[TREE_BLOCK];
        trees_block(block, feat, bord, leaf, n_trees, depth, sums);
        for (int r = 0; r < filled; r++) out[members[r]] = scale * sums[r] + bias;
        filled = 0;
    }
    PyMem_Free(block);
    result = Py_NewRef(Py_None);
done:
    if (held >= 5) PyBuffer_Release(&outbuf);
    if (held >= 4) PyBuffer_Release(&rows);
    if (held >= 3) PyBuffer_Release(&leaves);
    if (held >= 2) PyBuffer_Release(&border);
    if (held >= 1) PyBuffer_Release(&feature);
    free_page(&p);
    release_page_buffers(&b);
    return result;
}

/* ------------------------------------------------------------------------------------------------ */
static PyMethodDef core_methods[] = {
    {"measure", (PyCFunction)(void (*)(void))core_measure, METH_FASTCALL,
     "measure(texts, words, literals, out): the COLUMNS of each text, written into out (columns x texts, int64)."},
    {"word_counts", (PyCFunction)(void (*)(void))core_word_counts, METH_FASTCALL,
     "word_counts(texts, first, words, out): out[v] += the number of words of texts whose value in words is v."},
    {"gate", (PyCFunction)(void (*)(void))core_gate, METH_FASTCALL,
     "gate(rows, table, out): 1 in out where a line meets some term of the gate's table."},
    {"distinct", (PyCFunction)(void (*)(void))core_distinct, METH_FASTCALL,
     "distinct(lines, k, order) -> (unique, longest): distinct lines, each line's index among them, the k longest."},
    {"best_run", (PyCFunction)(void (*)(void))core_best_run, METH_FASTCALL,
     "best_run(weights, lo, hi) -> (start, end, score): the maximum-sum run of weights[lo:hi]."},
    {"page_table", (PyCFunction)(void (*)(void))core_page_table, METH_FASTCALL,
     "page_table(" PAGE_SIGNATURE ", out): the line model's feature table, written into out."},
    {"page_logits", (PyCFunction)(void (*)(void))core_page_logits, METH_FASTCALL,
     "page_logits(" PAGE_SIGNATURE ", split_feature, split_border, leaves, depth, scale, bias, rows, out): the trees' "
     "logits of the rows asked for."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef core_module = {
    PyModuleDef_HEAD_INIT, "_core", "The compiled core of the cruft stage (see cleaner/cruft/_core.c).", -1,
    core_methods,
};

static PyObject *names_tuple(const char *const *names, Py_ssize_t n) {
    PyObject *t = PyTuple_New(n);
    if (!t) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyUnicode_FromString(names[i]);
        if (!s) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, i, s);
    }
    return t;
}

static PyObject *marks_tuple(void) {
    PyObject *t = PyTuple_New(N_MARKS);
    if (!t) return NULL;
    for (int k = 0; k < N_MARKS; k++) {
        PyObject *name = PyUnicode_FromString(k ? column_names[mark_columns[k - 1]] : "not_sentence");
        if (!name) {
            Py_DECREF(t);
            return NULL;
        }
        PyTuple_SET_ITEM(t, k, name);
    }
    return t;
}

PyMODINIT_FUNC PyInit__core(void) {
    init_flags();
#ifdef HAVE_AVX2_TREES
    __builtin_cpu_init();
    use_avx2 = __builtin_cpu_supports("avx2") && !getenv("CLEANER_NO_AVX2");
#endif
    if (PyType_Ready(&WordsType) < 0 || PyType_Ready(&LiteralsType) < 0) return NULL;
    PyObject *m = PyModule_Create(&core_module);
    if (!m) return NULL;
    PyObject *windows_tuple = Py_BuildValue("(iiiiii)", 1, 2, 3, 5, 10, 25);
    PyObject *layout = windows_tuple ? Py_BuildValue("{s:N,s:N,s:N,s:N,s:i}", "own", names_tuple(layout_own, N_OWN),
                                                     "place", names_tuple(layout_place, N_PLACE), "windowed",
                                                     names_tuple(layout_windowed, N_WINDOWED), "windows",
                                                     windows_tuple, "classes", N_CLASSES)
                                     : NULL;
    if (PyModule_AddObjectRef(m, "Words", (PyObject *)&WordsType) < 0 ||
        PyModule_AddObjectRef(m, "Literals", (PyObject *)&LiteralsType) < 0 ||
        PyModule_AddObject(m, "COLUMNS", names_tuple(column_names, M_COLUMNS)) < 0 ||
        PyModule_AddObject(m, "MARKS", marks_tuple()) < 0 ||
        PyModule_AddObject(m, "LAYOUT", layout) < 0 || PyModule_AddIntConstant(m, "N_FEATURES", N_FEATURES) < 0 ||
        PyModule_AddIntConstant(m, "GATE_MARK_SHIFT", GATE_MARK_SHIFT) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
