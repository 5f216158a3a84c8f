/*
 * text_stats: counts bytes, characters, words and lines of a text.
 *
 * Input:  {"text": "..."}
 * Output: {"bytes": n, "characters": n, "words": n, "lines": n, "longest_word": "..."}
 *
 * Characters are Unicode scalar values (UTF-8 lead bytes); words are runs of characters other
 * than ASCII whitespace; a final line without a newline still counts as a line.
 */
#include "include/quiver_guest.h"

static int is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

int main(void) {
    char *input = qg_read_stdin(NULL);
    if (!input) qg_fail("out of memory reading the input");
    const char *field = qg_find(input, "text");
    size_t n = 0;
    char *text = field ? qg_string(field, &n) : NULL;
    if (!text) qg_fail("input needs a string 'text'");

    size_t characters = 0, words = 0, lines = 0;
    size_t longest_start = 0, longest_end = 0, longest_length = 0, word_start = 0, word_length = 0;
    int in_word = 0;
    for (size_t i = 0; i <= n; i++) {
        unsigned char c = i < n ? (unsigned char)text[i] : ' ';
        int lead = (c & 0xC0) != 0x80;
        if (i < n && lead) characters++;
        if (i < n && c == '\n') lines++;
        if (is_space(c)) {
            /* The first of the longest words wins a tie. */
            if (in_word && word_length > longest_length) {
                longest_start = word_start;
                longest_end = i;
                longest_length = word_length;
            }
            in_word = 0;
        } else {
            if (!in_word) {
                in_word = 1;
                word_start = i;
                word_length = 0;
                words++;
            }
            if (lead) word_length++;
        }
    }
    if (n > 0 && text[n - 1] != '\n') lines++;

    printf("{\"bytes\":%zu,\"characters\":%zu,\"words\":%zu,\"lines\":%zu,\"longest_word\":", n, characters, words, lines);
    qg_write_string(stdout, text + longest_start, longest_end - longest_start);
    fputs("}\n", stdout);
    return 0;
}
