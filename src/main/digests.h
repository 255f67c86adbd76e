/* digests.h - memocal-mailer's weekly digests: queued once per person and ISO week, built when sent. */
#ifndef MEMOCAL_DIGESTS_H
#define MEMOCAL_DIGESTS_H

#include "store/db.h"
#include "store/outbox.h"
#include "util/config.h"
#include "view/template.h"

/*
 * When this week's digest moment has come (mail_digest_weekday, _hour, _zone; within a day of it), queues
 * a digest for each person who wants one, has none for this ISO week yet, and has a meeting in the seven
 * days that follow (nothing to say: no message). The key "digest:PERSON:ISO-WEEK" makes it once, whoever
 * looks and however often. -1 when the database could not be asked.
 */
int digests_queue(store *db, const config *cfg);

/* Builds a taken DIGEST from the person's series as they are now (err says why not); 0 with the message in
 * out, 1 when there is nothing left to say (every meeting gone since it was queued), -1 on error. */
int digests_build(store *db, view_set *views, const config *cfg, const outbox_message *m, buf *out, char *err,
                  size_t errlen);

#endif
