/* staff_digests.h - memocal-mailer's weekly staff digests: queued once per account and ISO week, built when sent. */
#ifndef MEMOCAL_STAFF_DIGESTS_H
#define MEMOCAL_STAFF_DIGESTS_H

#include "store/db.h"
#include "store/outbox.h"
#include "util/config.h"
#include "view/template.h"

/*
 * At the attendee digest's weekly moment (mail_digest_weekday, _hour, _zone; within a day of it), queues a
 * STAFF message for each account with an address, the digest ticked and not disabled, that has none for
 * this ISO week yet; only when some memorandum is in its notice period without a decision or some action
 * is overdue (nothing to say: no message, decided when queueing). The key "staff:USER:ISO-WEEK" makes it
 * once, whoever looks and however often. -1 when the database could not be asked.
 */
int staff_digests_queue(store *db, const config *cfg);

/* Builds a taken STAFF message from the memoranda and actions as they are now (err says why not): 0 with
 * the message in out, 1 when it is not to be sent (nothing left to say, or the account no longer wants it),
 * -1 when the database could not be asked. */
int staff_digests_build(store *db, view_set *views, const config *cfg, const outbox_message *m, buf *out, char *err,
                        size_t errlen);

#endif
