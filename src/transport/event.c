/*
 * The bounded event queue. Events are pulled by the application
 * (sshc_session_poll_event). Strings are copied into a per-session arena
 * as offsets, so the arena may grow without invalidating queued events;
 * pointers are resolved when the event is polled. Channel data is not
 * copied: it points into the input buffer, which is not reused while
 * events are queued.
 */
#include <string.h>

#include "transport/session.h"

#define NO_STR ((size_t)-1)

bool sshc_event_pending(const sshc_session *s)
{
    return s->ev_count > 0;
}

static int arena_put(sshc_session *s, const char *str, size_t len, size_t *off)
{
    *off = NO_STR;
    if (str == NULL) {
        return SSHC_OK;
    }
    size_t at = s->ev_arena.len;
    sshc_bld_bytes(&s->ev_arena, str, len);
    sshc_bld_u8(&s->ev_arena, 0);
    if (sshc_bld_err(&s->ev_arena) != SSHC_OK) {
        return sshc_bld_err(&s->ev_arena);
    }
    *off = at;
    return SSHC_OK;
}

int sshc_event_push(sshc_session *s, const sshc_event *ev, const char *str, size_t str_len,
                    const char *str2, size_t str2_len)
{
    if (s->ev_count >= SSHC_MAX_EVENTS) {
        return sshc_session_fail(s, SSHC_E_LIMIT, "event queue full");
    }
    if (s->ev_count == 0) {
        sshc_bld_reset(&s->ev_arena);
    }
    struct sshc_queued_event *q = &s->events[(s->ev_head + s->ev_count) % SSHC_MAX_EVENTS];
    q->ev = *ev;
    int r = arena_put(s, str, str_len, &q->str_off);
    if (r == SSHC_OK) {
        r = arena_put(s, str2, str2_len, &q->str2_off);
    }
    if (r != SSHC_OK) {
        return sshc_session_fail(s, r, "event strings too large");
    }
    s->ev_count++;
    return SSHC_OK;
}

int sshc_event_push_decision(sshc_session *s, sshc_event *ev, enum sshc_decision_kind kind,
                             const char *str, size_t str_len, const char *str2,
                             size_t str2_len)
{
    /* Decision ids are never 0; they only need to differ from the last one. */
    if (++s->next_decision == 0) {
        s->next_decision = 1;
    }
    ev->decision = s->next_decision;
    s->decision_kind = kind;
    s->decision_id = ev->decision;
    s->decision_channel = ev->channel;
    return sshc_event_push(s, ev, str, str_len, str2, str2_len);
}

int sshc_session_poll_event(sshc_session *s, sshc_event *ev)
{
    if (s == NULL || ev == NULL) {
        return SSHC_E_INVALID_ARG;
    }
    memset(ev, 0, sizeof(*ev));
    if (s->ev_count == 0) {
        /* Packets may wait in the input buffer: processing paused for the
         * events just drained. A fatal error there shows as the session
         * closing (sshc_session_is_closed), not as a poll error. */
        (void)sshc_session_process(s);
    }
    if (s->ev_count == 0) {
        return 0;
    }
    struct sshc_queued_event *q = &s->events[s->ev_head];
    *ev = q->ev;
    ev->str = q->str_off == NO_STR ? NULL : (const char *)s->ev_arena.buf + q->str_off;
    ev->str2 = q->str2_off == NO_STR ? NULL : (const char *)s->ev_arena.buf + q->str2_off;
    s->ev_head = (s->ev_head + 1) % SSHC_MAX_EVENTS;
    s->ev_count--;
    return 1;
}
