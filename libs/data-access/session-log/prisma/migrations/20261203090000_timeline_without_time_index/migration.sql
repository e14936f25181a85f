-- DropIndex: no query reads timeline entries by time alone (requests tied to no session are found by ("sessionId", "time")); every entry paid for it.
DROP INDEX "session_log"."TimelineEntry_time_idx";
