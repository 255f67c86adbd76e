/* feedcache.c - rendered feeds: files every worker and process may share, and memory when the disk fails.
 *
 * Why the files are safe between workers and processes:
 * - a render is written under a name no other writer uses (".tmp-PID-N-NAME"), given its mtime,
 *   then renamed into place: a reader sees the whole old file or the whole new one, never half;
 * - a worker hands a file to nginx (X-Accel-Redirect) only after checking that it still exists,
 *   and renders it again when it does not (an administrator emptied the cache, logrotate-style);
 * - a render is removed only when it is older than GRACE seconds (by its ctime: the time it was
 *   renamed into place; its mtime is its Last-Modified) and not among the KEEP newest of its
 *   scope. A worker hands out only a render it has just checked, of a version the database
 *   named within the last seconds (pages/feed.c), so nginx never opens a file that was removed.
 */
#include "feedcache/feedcache.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "util/log.h"

#define GRACE 120       /* seconds a render stays after it was written, whatever is newer */
#define KEEP 3          /* renders of a scope kept whatever their age */
#define SLOTS 128       /* renders a worker remembers */
#define MEMORY_CAP (64u << 20) /* bytes of renders a worker holds in memory when the disk refuses them */
#define WARN_EVERY 60   /* seconds between two warnings that the disk refuses renders */

struct slot {
	char *key;           /* "SCOPE/NAME", malloc'd; NULL: empty */
	char *file;          /* "SCOPE/NAME.ics", malloc'd */
	feedcache_entry e;   /* e.file is file when on disk; e.bytes malloc'd when in memory */
	long long retried;   /* a render in memory: when writing it was last tried */
	bool private_copy;   /* feedcache_get_private: memory only, never written */
	unsigned long long used;
};

static char *cache_dir;
static struct slot slots[SLOTS];
static unsigned long long clock_tick;
static size_t held;      /* bytes of renders held in memory */
static long long warned; /* when the disk's refusal was last logged */
static unsigned tmp_counter;

bool feedcache_valid_name(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > 96)
		return false;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* dir "/" a ["/" b]: in p, reset first; sized from the input, never cut. */
static const char *join(buf *p, const char *dir, const char *a, const char *b)
{
	buf_reset(p);
	buf_puts(p, dir);
	buf_putc(p, '/');
	buf_puts(p, a);
	if (b) {
		buf_putc(p, '/');
		buf_puts(p, b);
	}
	return buf_cstr(p);
}

void feedcache_init(const char *dir)
{
	feedcache_free();
	cache_dir = strdup(dir && *dir ? dir : ".");
}

static void forget(struct slot *s)
{
	if (s->e.bytes) {
		held -= (size_t)s->e.size;
		free((void *)s->e.bytes);
	}
	free(s->key);
	free(s->file);
	memset(s, 0, sizeof *s);
}

void feedcache_free(void)
{
	for (size_t i = 0; i < SLOTS; i++)
		forget(&slots[i]);
	free(cache_dir);
	cache_dir = NULL;
}

static struct slot *find(const char *key)
{
	for (size_t i = 0; i < SLOTS; i++)
		if (slots[i].key && strcmp(slots[i].key, key) == 0)
			return &slots[i];
	return NULL;
}

/* The slot for a new render: an empty one, else the least used. */
static struct slot *take_slot(void)
{
	struct slot *best = &slots[0];
	for (size_t i = 0; i < SLOTS; i++) {
		if (!slots[i].key)
			return &slots[i];
		if (slots[i].used < best->used)
			best = &slots[i];
	}
	forget(best);
	return best;
}

/* Frees memory-held renders, least used first, until need more bytes fit under the cap. */
static void make_room(size_t need)
{
	while (held + need > MEMORY_CAP) {
		struct slot *victim = NULL;
		for (size_t i = 0; i < SLOTS; i++)
			if (slots[i].e.bytes && (!victim || slots[i].used < victim->used))
				victim = &slots[i];
		if (!victim)
			return;
		forget(victim);
	}
}

static const feedcache_entry *remember(const char *scope, const char *name, const feedcache_entry *e, char *bytes,
                                       bool private_copy)
{
	struct slot *s = take_slot();
	buf k = BUF_INIT;
	buf_printf(&k, "%s/%s", scope, name);
	s->key = strdup(buf_cstr(&k));
	buf_reset(&k);
	buf_printf(&k, "%s/%s.ics", scope, name);
	s->file = strdup(buf_cstr(&k));
	buf_free(&k);
	if (!s->key || !s->file) {
		forget(s);
		free(bytes);
		return NULL;
	}
	s->e = *e;
	s->private_copy = private_copy;
	s->e.file = bytes ? NULL : s->file;
	s->e.bytes = bytes;
	if (bytes) {
		make_room((size_t)e->size);
		held += (size_t)e->size;
		s->retried = (long long)time(NULL);
	}
	s->used = ++clock_tick;
	return &s->e;
}

static int read_meta(const char *path, feedcache_entry *e)
{
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	int n = fscanf(f, "%lld %lld %32s", &e->lm, &e->size, e->hash);
	fclose(f);
	return n == 3 && e->size >= 0 && strlen(e->hash) == 32 ? 0 : -1;
}

/* Whether the file of an entry is there with its size: what nginx would send. */
static bool file_present(const feedcache_entry *e)
{
	buf p = BUF_INIT;
	struct stat st;
	bool ok = stat(join(&p, cache_dir, e->file, NULL), &st) == 0 && S_ISREG(st.st_mode) && st.st_size == e->size;
	buf_free(&p);
	return ok;
}

/* Writes data to dir/final through a temporary file no other writer names, with mtime (when
 * not 0) set before the rename. 0, or -1 with errno kept. */
static int write_atomic(const char *dir, const char *final, const void *data, size_t len, long long mtime)
{
	buf tmp = BUF_INIT, dst = BUF_INIT;
	buf_printf(&tmp, "%s/.tmp-%ld-%u-%s", dir, (long)getpid(), ++tmp_counter, final);
	buf_printf(&dst, "%s/%s", dir, final);
	int rc = -1, saved = 0;
	int fd = open(buf_cstr(&tmp), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd >= 0) {
		const char *p = data;
		size_t left = len;
		while (left) {
			ssize_t w = write(fd, p, left);
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				break;
			p += w;
			left -= (size_t)w;
		}
		struct timeval times[2] = {{(time_t)mtime, 0}, {(time_t)mtime, 0}};
		if (left == 0 && (mtime == 0 || futimes(fd, times) == 0) && close(fd) == 0) {
			fd = -1;
			if (rename(buf_cstr(&tmp), buf_cstr(&dst)) == 0)
				rc = 0;
		}
		saved = errno;
		if (fd >= 0)
			close(fd);
		if (rc != 0)
			unlink(buf_cstr(&tmp));
	} else {
		saved = errno;
	}
	buf_free(&tmp);
	buf_free(&dst);
	errno = saved;
	return rc;
}

static void warn_refused(const char *dir, int err)
{
	long long now = (long long)time(NULL);
	if (now - warned < WARN_EVERY)
		return;
	warned = now;
	log_warn("msg=\"cannot write rendered feeds; answering them from memory through FastCGI\" dir=\"%s\" cause=\"%s\"",
	         dir, strerror(err));
}

/* Writes a render and its description; 0 when the .ics is in place (the rest only helps others). */
static int persist(const char *scope, const char *name, const feedcache_entry *e, const char *bytes)
{
	buf dir = BUF_INIT, file = BUF_INIT;
	join(&dir, cache_dir, scope, NULL);
	int rc = -1, err = 0;
	if ((mkdir(cache_dir, 0755) == 0 || errno == EEXIST) && (mkdir(buf_cstr(&dir), 0755) == 0 || errno == EEXIST)) {
		buf_printf(&file, "%s.ics", name);
		rc = write_atomic(buf_cstr(&dir), buf_cstr(&file), bytes, (size_t)e->size, e->lm);
	}
	err = errno;
	if (rc == 0) {
		char meta[128], last[256];
		int mlen = snprintf(meta, sizeof meta, "%lld %lld %s\n", e->lm, e->size, e->hash);
		/* "last" also names the render, for the workers that answer with it while the next renders */
		int llen = snprintf(last, sizeof last, "%lld %lld %s %s\n", e->lm, e->size, e->hash, name);
		buf_reset(&file);
		buf_printf(&file, "%s.meta", name);
		/* a failure here costs other workers a render of their own; the file itself is good */
		if (mlen <= 0 || (size_t)mlen >= sizeof meta || llen <= 0 || (size_t)llen >= sizeof last ||
		    write_atomic(buf_cstr(&dir), buf_cstr(&file), meta, (size_t)mlen, 0) != 0 ||
		    write_atomic(buf_cstr(&dir), "last", last, (size_t)llen, 0) != 0)
			warn_refused(buf_cstr(&dir), errno);
	} else {
		warn_refused(buf_cstr(&dir), err);
	}
	buf_free(&dir);
	buf_free(&file);
	return rc;
}

/* ---- removing what nobody can hand out any more ---- */

struct render {
	char *base; /* the file name without .ics/.meta */
	long long ctime;
};

static int newest_first(const void *x, const void *y)
{
	const struct render *a = x, *b = y;
	return a->ctime < b->ctime ? 1 : a->ctime > b->ctime ? -1 : 0;
}

/* In one scope's folder: removes renders older than GRACE that are not among the KEEP newest
 * (keep, a name, is never removed), and temporary files left by a writer that died. */
static int prune(const char *dir, const char *keep)
{
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	long long now = (long long)time(NULL);
	struct render *r = NULL;
	size_t n = 0, cap = 0;
	int removed = 0;
	buf path = BUF_INIT;
	struct dirent *e;
	while ((e = readdir(d))) {
		const char *f = e->d_name;
		if (strcmp(f, ".") == 0 || strcmp(f, "..") == 0 || strcmp(f, "last") == 0)
			continue;
		struct stat st;
		if (lstat(join(&path, dir, f, NULL), &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (strncmp(f, ".tmp-", 5) == 0) {
			if (now - (long long)st.st_ctime > GRACE)
				removed += unlink(buf_cstr(&path)) == 0;
			continue;
		}
		const char *dot = strrchr(f, '.');
		if (!dot || (strcmp(dot, ".ics") != 0 && strcmp(dot, ".meta") != 0))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			struct render *more = realloc(r, cap * sizeof *r);
			if (!more)
				break;
			r = more;
		}
		r[n].base = strndup(f, (size_t)(dot - f));
		r[n].ctime = (long long)st.st_ctime;
		if (r[n].base)
			n++;
	}
	closedir(d);
	qsort(r, n, sizeof *r, newest_first);
	/* the KEEP newest renders (both files of each) stay whatever their age */
	const char *kept[KEEP];
	size_t nkept = 0;
	for (size_t i = 0; i < n; i++) {
		bool stays = keep && strcmp(r[i].base, keep) == 0;
		for (size_t k = 0; k < nkept && !stays; k++)
			stays = strcmp(kept[k], r[i].base) == 0;
		if (!stays && nkept < KEEP) {
			kept[nkept++] = r[i].base;
			stays = true;
		}
		if (!stays && now - r[i].ctime > GRACE) {
			buf_reset(&path);
			buf_printf(&path, "%s/%s.ics", dir, r[i].base);
			removed += unlink(buf_cstr(&path)) == 0;
			buf_reset(&path);
			buf_printf(&path, "%s/%s.meta", dir, r[i].base);
			removed += unlink(buf_cstr(&path)) == 0;
		}
	}
	for (size_t i = 0; i < n; i++)
		free(r[i].base);
	free(r);
	buf_free(&path);
	return removed;
}

void feedcache_sweep(const char *dir)
{
	DIR *top = dir && *dir ? opendir(dir) : NULL;
	if (!top)
		return; /* none yet: the first render makes it */
	struct dirent *e;
	int removed = 0;
	buf scope = BUF_INIT;
	while ((e = readdir(top))) {
		if (e->d_name[0] == '.' || !feedcache_valid_name(e->d_name))
			continue;
		removed += prune(join(&scope, dir, e->d_name, NULL), NULL);
	}
	closedir(top);
	buf_free(&scope);
	log_info("msg=\"feed cache swept; every feed is rendered again on its first fetch\" dir=\"%s\" files=%d", dir,
	         removed);
}

/* ---- finding and making renders ---- */

static const feedcache_entry *lookup(const char *scope, const char *name, bool *missing)
{
	buf key = BUF_INIT;
	buf_printf(&key, "%s/%s", scope, name);
	struct slot *s = find(buf_cstr(&key));
	buf_free(&key);
	*missing = false;
	if (s) {
		s->used = ++clock_tick;
		if (s->e.bytes) {
			/* held in memory because the disk refused it: try the disk again now and then */
			long long now = (long long)time(NULL);
			if (!s->private_copy && now - s->retried >= WARN_EVERY) {
				s->retried = now;
				if (persist(scope, name, &s->e, s->e.bytes) == 0) {
					held -= (size_t)s->e.size;
					free((void *)s->e.bytes);
					s->e.bytes = NULL;
					s->e.file = s->file;
				}
			}
			return &s->e;
		}
		if (file_present(&s->e))
			return &s->e;
		forget(s); /* removed under us (the cache was emptied): render it again */
		*missing = true;
	}
	/* another worker (or process) may have rendered it */
	feedcache_entry e;
	memset(&e, 0, sizeof e);
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s/%s.meta", cache_dir, scope, name);
	int rc = read_meta(buf_cstr(&path), &e);
	buf_free(&path);
	if (rc != 0)
		return NULL;
	buf file = BUF_INIT;
	buf_printf(&file, "%s/%s.ics", scope, name);
	e.file = buf_cstr(&file);
	bool there = file_present(&e);
	buf_free(&file);
	return there ? remember(scope, name, &e, NULL, false) : NULL;
}

const feedcache_entry *feedcache_peek(const char *scope, const char *name)
{
	bool missing;
	if (!cache_dir || !feedcache_valid_name(scope) || !feedcache_valid_name(name))
		return NULL;
	return lookup(scope, name, &missing);
}

/* The scope's newest render that another worker may answer with while the next one renders: the one
 * "last" names, if its file is still there. */
static const feedcache_entry *previous(const char *scope)
{
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s/last", cache_dir, scope);
	FILE *f = fopen(buf_cstr(&path), "re");
	buf_free(&path);
	if (!f)
		return NULL;
	long long lm, size;
	char hash[33], name[97];
	int n = fscanf(f, "%lld %lld %32s %96s", &lm, &size, hash, name);
	fclose(f);
	bool missing;
	return n == 4 && feedcache_valid_name(name) ? lookup(scope, name, &missing) : NULL;
}

/*
 * The scope's render lock (DIR/SCOPE/.render.lock, flock(2)): one worker of any process renders a scope
 * at a time. With wait false, -2 when another holds it. The descriptor to unlock_render, or -1 when the
 * lock cannot be had at all (the disk refuses): then the render goes ahead unlocked, as it did before.
 */
static int lock_render(const char *scope, bool wait)
{
	buf p = BUF_INIT;
	int fd = -1;
	if ((mkdir(cache_dir, 0755) == 0 || errno == EEXIST) &&
	    (mkdir(join(&p, cache_dir, scope, NULL), 0755) == 0 || errno == EEXIST))
		fd = open(join(&p, cache_dir, scope, ".render.lock"), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	buf_free(&p);
	if (fd < 0)
		return -1;
	while (flock(fd, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0) {
		if (errno == EINTR)
			continue;
		close(fd);
		return errno == EWOULDBLOCK ? -2 : -1;
	}
	return fd;
}

static void unlock_render(int fd)
{
	if (fd >= 0)
		close(fd); /* closing the last descriptor of the open file releases its lock */
}

static const feedcache_entry *render(const char *scope, const char *name, long long changed_at,
                                     feedcache_build_fn build, void *ctx);

const feedcache_entry *feedcache_get(const char *scope, const char *name, long long changed_at,
                                     feedcache_build_fn build, void *ctx)
{
	return feedcache_get_shared(scope, name, changed_at, build, ctx, NULL);
}

const feedcache_entry *feedcache_get_shared(const char *scope, const char *name, long long changed_at,
                                            feedcache_build_fn build, void *ctx, bool *answered_previous)
{
	if (answered_previous)
		*answered_previous = false;
	if (!cache_dir || !feedcache_valid_name(scope) || !feedcache_valid_name(name))
		return NULL;
	bool missing;
	const feedcache_entry *hit = lookup(scope, name, &missing);
	if (hit)
		return hit;
	if (missing)
		log_info("msg=\"rendered feed missing from the cache; rendering it again\" scope=%s", scope);
	int fd = lock_render(scope, false);
	if (fd == -2) {
		/* another worker is rendering this scope: its previous render meanwhile, else wait for the new one */
		const feedcache_entry *prev = answered_previous ? previous(scope) : NULL;
		if (prev) {
			*answered_previous = true;
			return prev;
		}
		fd = lock_render(scope, true);
	}
	/* it may have been finished by the worker that held the lock */
	hit = lookup(scope, name, &missing);
	const feedcache_entry *e = hit ? hit : render(scope, name, changed_at, build, ctx);
	unlock_render(fd);
	return e;
}

/* A new entry for bytes: its size and hash, nothing else yet. */
static void describe(const char *bytes, size_t len, feedcache_entry *e)
{
	memset(e, 0, sizeof *e);
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)bytes, len, NULL, 0);
	sodium_bin2hex(e->hash, sizeof e->hash, h, sizeof h);
	e->size = (long long)len;
}

/* Builds, describes and keeps a render (on disk, else in memory). */
static const feedcache_entry *render(const char *scope, const char *name, long long changed_at,
                                     feedcache_build_fn build, void *ctx)
{
	size_t len;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char *bytes = build(ctx, &len);
	if (!bytes)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	/* one line per render: how often feeds render, and what a cold one costs */
	log_info("msg=\"feed rendered\" scope=%s name=%s bytes=%zu ms=%lld", scope, name, len,
	         (long long)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000);
	feedcache_entry e;
	describe(bytes, len, &e);
	/* Last-Modified moves only when the bytes change, only forwards, and never past the clock (RFC 9110
	 * 8.8.2.1: not later than the answer's Date). Moving forwards keeps each render's ETag ("mtime-size")
	 * its own: a second render within one second waits for the next one, at most a second, before it is
	 * published (fetches meanwhile get the render before, as while any render runs). */
	long long now = (long long)time(NULL);
	if (changed_at > now)
		changed_at = now; /* the database's clock ahead of this machine's */
	feedcache_entry last;
	buf path = BUF_INIT;
	buf_printf(&path, "%s/%s/last", cache_dir, scope);
	if (read_meta(buf_cstr(&path), &last) == 0)
		e.lm = strcmp(last.hash, e.hash) == 0 ? last.lm : (changed_at > last.lm ? changed_at : last.lm + 1);
	else
		e.lm = changed_at;
	buf_free(&path);
	for (struct timespec wait = {0, 50 * 1000 * 1000}; e.lm > (long long)time(NULL) && e.lm <= now + 1;)
		nanosleep(&wait, NULL);
	if (persist(scope, name, &e, bytes) == 0) {
		free(bytes);
		buf dir = BUF_INIT;
		prune(join(&dir, cache_dir, scope, NULL), name);
		buf_free(&dir);
		return remember(scope, name, &e, NULL, false);
	}
	return remember(scope, name, &e, bytes, false); /* the disk refused it: answered from memory */
}

int feedcache_read(const feedcache_entry *e, buf *out)
{
	if (e->bytes) {
		buf_append(out, e->bytes, (size_t)e->size);
		return 0;
	}
	buf p = BUF_INIT;
	FILE *f = fopen(join(&p, cache_dir, e->file, NULL), "rbe");
	buf_free(&p);
	if (!f)
		return -1;
	char chunk[16384];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_append(out, chunk, n);
	int bad = ferror(f);
	fclose(f);
	return bad ? -1 : 0;
}

const feedcache_entry *feedcache_get_private(const char *scope, const char *name, long long lm,
                                             feedcache_build_fn build, void *ctx)
{
	if (!cache_dir || !feedcache_valid_name(scope) || !feedcache_valid_name(name))
		return NULL;
	buf key = BUF_INIT;
	buf_printf(&key, "%s/%s", scope, name);
	struct slot *s = find(buf_cstr(&key));
	buf_free(&key);
	if (s && s->private_copy) {
		s->used = ++clock_tick;
		return &s->e;
	}
	size_t len;
	char *bytes = build(ctx, &len);
	if (!bytes)
		return NULL;
	feedcache_entry e;
	describe(bytes, len, &e);
	e.lm = lm;
	return remember(scope, name, &e, bytes, true);
}
