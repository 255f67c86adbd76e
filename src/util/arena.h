/* arena.h - per-request bump allocator: everything for one request is freed at once. */
#ifndef MEMOCAL_ARENA_H
#define MEMOCAL_ARENA_H

#include <stdarg.h>
#include <stddef.h>

typedef struct arena_block arena_block;

/*
 * An arena hands out memory that lives until arena_reset() or arena_free().
 * Blocks grow geometrically; a request that asks for more than a block gets
 * a block of its own. Allocation failure aborts: a worker that cannot get
 * memory cannot answer anyway, and the parent restarts it.
 */
typedef struct arena {
	arena_block *head;
	size_t block_size;
	size_t total; /* bytes handed out since the last reset, for limits and logs */
} arena;

void arena_init(arena *a, size_t block_size);
void *arena_alloc(arena *a, size_t size);           /* zeroed, aligned for any type */
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n); /* always NUL-terminated */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(arena *a, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
void arena_reset(arena *a); /* keeps the first block for reuse */
void arena_free(arena *a);

#endif
