/* arena.c - per-request bump allocator. */
#include "util/arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Under AddressSanitizer the arena tells it which bytes are handed out: a block's unused part, the
 * padding after each allocation and everything a reset takes back are poisoned, so reading past an
 * arena string or keeping a pointer into the previous request is reported like a heap overflow or
 * a use after free, although the memory itself stays with the arena.
 */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

struct arena_block {
	arena_block *next;
	size_t size;
	size_t used;
	max_align_t data[];
};

#define ALIGN (sizeof(max_align_t))

static void oom(size_t n)
{
	fprintf(stderr, "level=fatal msg=\"out of memory\" bytes=%zu\n", n);
	abort();
}

/*
 * What a reset keeps besides the first block: a page of a few hundred rows (the agenda's 500 occurrences with
 * their series) takes a few megabytes, and blocks given back to malloc were handed to the kernel and faulted in
 * again by the next such request (a quarter of its time). Kept, they cost a worker at most this much memory.
 */
#define ARENA_SPARE (4u << 20)

void arena_init(arena *a, size_t block_size)
{
	a->head = NULL;
	a->spare = NULL;
	a->block_size = block_size ? block_size : 16384;
	a->total = 0;
}

static arena_block *new_block(size_t size)
{
	if (size > SIZE_MAX - sizeof(arena_block))
		oom(size);
	arena_block *b = malloc(sizeof(arena_block) + size);
	if (!b)
		oom(size);
	b->next = NULL;
	b->size = size;
	b->used = 0;
	POISON(b->data, size);
	return b;
}

static void free_block(arena_block *b)
{
	UNPOISON(b->data, b->size);
	free(b);
}

/* A spare block of at least need bytes, taken off the list; NULL when none. */
static arena_block *take_spare(arena *a, size_t need)
{
	for (arena_block **pp = &a->spare; *pp; pp = &(*pp)->next)
		if ((*pp)->size >= need) {
			arena_block *b = *pp;
			*pp = b->next;
			b->next = NULL;
			b->used = 0;
			return b;
		}
	return NULL;
}

/* size bytes, aligned, not cleared */
static void *alloc_raw(arena *a, size_t size)
{
	if (size == 0)
		size = 1;
	if (size > SIZE_MAX - ALIGN)
		oom(size);
	size_t need = (size + ALIGN - 1) & ~(ALIGN - 1);
	arena_block *b = a->head;
	if (!b || b->size - b->used < need) {
		size_t bs = a->block_size;
		while (bs < need) {
			if (bs > SIZE_MAX / 2)
				oom(need);
			bs *= 2;
		}
		arena_block *nb = take_spare(a, need);
		if (!nb)
			nb = new_block(bs);
		nb->next = a->head;
		a->head = nb;
		if (a->block_size < (1u << 20))
			a->block_size *= 2;
		b = nb;
	}
	void *p = (char *)b->data + b->used;
	b->used += need;
	a->total += need;
	UNPOISON(p, size);
	return p;
}

void *arena_alloc(arena *a, size_t size)
{
	void *p = alloc_raw(a, size);
	memset(p, 0, size ? size : 1);
	return p;
}

char *arena_memdup(arena *a, const void *s, size_t n)
{
	char *p = alloc_raw(a, n + 1); /* every byte written below: no need to clear it first */
	if (n)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	/* like strndup: never reads past the string's NUL, whatever n says */
	return arena_memdup(a, s, strnlen(s, n));
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_vprintf(arena *a, const char *fmt, va_list ap)
{
	/* Formatted straight into the free end of the newest block, which it nearly always fits: one pass of
	 * vsnprintf where measuring first took two (printf was a fifth of the agenda page's time). */
	arena_block *b = a->head;
	size_t room = b ? b->size - b->used : 0;
	char *p = room ? (char *)b->data + b->used : NULL;
	if (room)
		UNPOISON(p, room);
	va_list cp;
	va_copy(cp, ap);
	int n = vsnprintf(p, room, fmt, cp);
	va_end(cp);
	if (room)
		POISON(p, room);
	if (n < 0)
		return arena_strdup(a, "");
	/* it fit, with its alignment: the next allocation is those very bytes */
	if ((((size_t)n + 1 + ALIGN - 1) & ~(ALIGN - 1)) <= room)
		return alloc_raw(a, (size_t)n + 1);
	char *q = alloc_raw(a, (size_t)n + 1);
	vsnprintf(q, (size_t)n + 1, fmt, ap);
	return q;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void arena_reset(arena *a)
{
	arena_block *b = a->head;
	if (!b)
		return;
	/* keep the oldest block (the last in the list): it is the steady-state size; and up to ARENA_SPARE bytes of
	 * the others, the largest first (they are the newest, at the front), for the next request */
	arena_block *keep = b;
	while (keep->next)
		keep = keep->next;
	size_t spared = 0;
	for (arena_block *s = a->spare; s; s = s->next)
		spared += s->size;
	while (b != keep) {
		arena_block *n = b->next;
		if (spared + b->size <= ARENA_SPARE) {
			POISON(b->data, b->size);
			b->used = 0;
			b->next = a->spare;
			a->spare = b;
			spared += b->size;
		} else {
			free_block(b);
		}
		b = n;
	}
	POISON(keep->data, keep->size);
	keep->used = 0;
	keep->next = NULL;
	a->head = keep;
	a->total = 0;
}

void arena_free(arena *a)
{
	for (int list = 0; list < 2; list++) {
		arena_block *b = list ? a->spare : a->head;
		while (b) {
			arena_block *n = b->next;
			free_block(b);
			b = n;
		}
	}
	a->head = NULL;
	a->spare = NULL;
	a->total = 0;
}
