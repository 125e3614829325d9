/*
 * libsshcore ("SSH core") — SSH protocol version 2, client and server.
 *
 * The public API. Every exported name starts with sshc_ / SSHC_.
 *
 * The heart is sshc_session: a sans-I/O state machine. It never touches a
 * socket, a file or a clock. The caller feeds it the bytes that arrived
 * (sshc_session_recv), sends the bytes it lends out (sshc_session_output /
 * sshc_session_output_done), tells it the time (sshc_session_tick) and pulls
 * events (sshc_session_poll_event). Decisions that belong to the
 * application (accept this host key? is this password right?) arrive as
 * events and pause that part of the protocol until sshc_session_reply().
 *
 * On top sit the drivers: a blocking client (sshc_client_*) and an
 * event-loop server (sshc_server_*), both at the end of this header.
 *
 * Return convention: functions that can fail return int, SSHC_OK (0) or a
 * negative SSHC_E_* code; sshc_strerror() names it.
 */
#ifndef SSHCORE_H
#define SSHCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SSHC_BUILDING_LIBRARY)
#define SSHC_API __attribute__((visibility("default")))
#else
#define SSHC_API
#endif

/* ===================================================================== */
/* Errors                                                                 */
/* ===================================================================== */

/*
 * Error codes, grouped by class in ranges: USAGE -1xx, RESOURCE -2xx,
 * PROTOCOL -3xx, CRYPTO -4xx, CLOSED -5xx, INTERNAL -9xx.
 */
enum sshc_error {
    SSHC_OK = 0,
    /* USAGE: the caller's mistake */
    SSHC_E_INVALID_ARG = -100,
    SSHC_E_BAD_STATE = -101,
    SSHC_E_UNSUPPORTED = -102,
    SSHC_E_AGAIN = -103,          /* nothing can be done now; try after more I/O */
    SSHC_E_NO_SUCH_CHANNEL = -104,
    SSHC_E_REENTRANT = -105,      /* called from inside a decision callback */
    SSHC_E_IO = -106,             /* a driver's system call failed (errno kept) */
    SSHC_E_TIMEOUT = -107,        /* a driver's deadline passed */
    SSHC_E_NOT_FOUND = -108,      /* a file or host could not be found */
    SSHC_E_RESOLVE = -109,        /* host name did not resolve */
    /* RESOURCE: memory or a named limit */
    SSHC_E_NOMEM = -200,
    SSHC_E_LIMIT = -201,          /* a configured limit was reached */
    SSHC_E_PACKET_TOO_LARGE = -202,
    SSHC_E_TOO_MANY_CHANNELS = -203,
    SSHC_E_AUTH_TRIES = -204,     /* too many failed authentication attempts */
    /* PROTOCOL: the peer's fault (or a malformed file) */
    SSHC_E_PROTOCOL = -300,
    SSHC_E_TRUNCATED = -301,
    SSHC_E_TRAILING_DATA = -302,
    SSHC_E_BAD_STRING = -303,
    SSHC_E_BAD_NAME_LIST = -304,
    SSHC_E_BAD_MPINT = -305,
    SSHC_E_BAD_VERSION = -306,    /* identification string malformed or not SSH-2.0 */
    SSHC_E_BAD_PACKET = -307,     /* length, padding or block alignment wrong */
    SSHC_E_UNEXPECTED_MSG = -308, /* a message not allowed in this role and state */
    SSHC_E_STRICT_KEX = -309,     /* strict kex violated (Terrapin countermeasure) */
    SSHC_E_BAD_KEY = -310,        /* key or key blob malformed */
    SSHC_E_BAD_FORMAT = -311,     /* a file (key, known_hosts) malformed */
    SSHC_E_CHANNEL_WINDOW = -312, /* peer sent more than the window allows */
    SSHC_E_SERVICE = -313,        /* service not available */
    /* CRYPTO */
    SSHC_E_MAC_INVALID = -400,
    SSHC_E_NO_ALG_MATCH = -401,
    SSHC_E_SIGNATURE_INVALID = -402,
    SSHC_E_BAD_PUBLIC_VALUE = -403, /* kex public value invalid (wrong length, all zero) */
    SSHC_E_CRYPTO = -404,           /* a crypto library call failed */
    SSHC_E_KEY_TYPE = -405,         /* key type not supported */
    SSHC_E_PASSPHRASE = -406,       /* encrypted key: no or wrong passphrase */
    SSHC_E_HOSTKEY_REJECTED = -407, /* host key denied by policy or application */
    SSHC_E_HOSTKEY_CHANGED = -408,  /* known_hosts has another key for this host */
    SSHC_E_AUTH_DENIED = -409,      /* no authentication method succeeded */
    /* CLOSED */
    SSHC_E_DISCONNECTED = -500,   /* the peer sent DISCONNECT */
    SSHC_E_EOF = -501,            /* the connection closed without DISCONNECT */
    SSHC_E_CLOSED = -502,         /* we closed the session */
    /* INTERNAL */
    SSHC_E_INTERNAL = -900,
};

enum sshc_error_class {
    SSHC_ERRCLASS_NONE = 0,
    SSHC_ERRCLASS_USAGE,
    SSHC_ERRCLASS_RESOURCE,
    SSHC_ERRCLASS_PROTOCOL,
    SSHC_ERRCLASS_CRYPTO,
    SSHC_ERRCLASS_CLOSED,
    SSHC_ERRCLASS_INTERNAL,
};

/* A constant string naming the code; never NULL. */
SSHC_API const char *sshc_strerror(int code);
SSHC_API enum sshc_error_class sshc_err_class(int code);
/* Whether the error ends the session. */
SSHC_API bool sshc_err_is_fatal(int code);
/* RFC 4253 §11.1 reason code to send for this error (0 if none is sent). */
SSHC_API uint32_t sshc_err_disconnect_reason(int code);

/* RFC 4253 §11.1 / RFC 4250 §4.2.2 disconnect reason codes. */
enum {
    SSHC_DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT = 1,
    SSHC_DISCONNECT_PROTOCOL_ERROR = 2,
    SSHC_DISCONNECT_KEY_EXCHANGE_FAILED = 3,
    SSHC_DISCONNECT_RESERVED = 4,
    SSHC_DISCONNECT_MAC_ERROR = 5,
    SSHC_DISCONNECT_COMPRESSION_ERROR = 6,
    SSHC_DISCONNECT_SERVICE_NOT_AVAILABLE = 7,
    SSHC_DISCONNECT_PROTOCOL_VERSION_NOT_SUPPORTED = 8,
    SSHC_DISCONNECT_HOST_KEY_NOT_VERIFIABLE = 9,
    SSHC_DISCONNECT_CONNECTION_LOST = 10,
    SSHC_DISCONNECT_BY_APPLICATION = 11,
    SSHC_DISCONNECT_TOO_MANY_CONNECTIONS = 12,
    SSHC_DISCONNECT_AUTH_CANCELLED_BY_USER = 13,
    SSHC_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE = 14,
    SSHC_DISCONNECT_ILLEGAL_USER_NAME = 15,
};

/* ===================================================================== */
/* Keys                                                                   */
/* ===================================================================== */

/* A public key, optionally with its private half. Opaque. */
typedef struct sshc_key sshc_key;

enum sshc_key_type {
    SSHC_KEY_UNKNOWN = 0,
    SSHC_KEY_ED25519 = 1,
    SSHC_KEY_RSA = 2,
    SSHC_KEY_ECDSA_P256 = 3,
    SSHC_KEY_ECDSA_P384 = 4,
    SSHC_KEY_ECDSA_P521 = 5,
    SSHC_KEY_DSA = 6, /* ssh-dss: public keys only, verify only, off by default */
};

/*
 * Parse an OpenSSH private key file's contents ("openssh-key-v1", as
 * ssh-keygen writes it). passphrase may be NULL for unencrypted keys.
 * Returns SSHC_OK with *out set, or SSHC_E_BAD_FORMAT, SSHC_E_KEY_TYPE,
 * SSHC_E_PASSPHRASE (missing or wrong passphrase), SSHC_E_UNSUPPORTED,
 * SSHC_E_NOMEM; *out is NULL on failure.
 */
SSHC_API int sshc_key_parse_private(const uint8_t *data, size_t len, const char *passphrase,
                                    sshc_key **out);
/* Read and parse a private key file. Errors as above plus SSHC_E_NOT_FOUND, SSHC_E_IO. */
SSHC_API int sshc_key_load_file(const char *path, const char *passphrase, sshc_key **out);
/* Parse one public key line ("ssh-ed25519 AAAA... comment"). */
SSHC_API int sshc_key_parse_public_line(const char *line, sshc_key **out);
/* Parse a public key blob (RFC 4253 §6.6). */
SSHC_API int sshc_key_parse_blob(const uint8_t *blob, size_t len, sshc_key **out);
/* Read a public key file (path.pub style). */
SSHC_API int sshc_key_load_public_file(const char *path, sshc_key **out);
/* Generate a new key pair. rng may be NULL for the system RNG. */
SSHC_API int sshc_key_generate(enum sshc_key_type type, sshc_key **out);
/* Wipes the private half; NULL is a no-op. */
SSHC_API void sshc_key_free(sshc_key *key);
/* A copy (with the private half if present). */
SSHC_API int sshc_key_dup(const sshc_key *key, sshc_key **out);
SSHC_API enum sshc_key_type sshc_key_get_type(const sshc_key *key);
/* The key type's SSH name ("ssh-ed25519"); static storage. */
SSHC_API const char *sshc_key_type_name(const sshc_key *key);
SSHC_API bool sshc_key_has_private(const sshc_key *key);
/* Same public key? */
SSHC_API bool sshc_key_equal_public(const sshc_key *a, const sshc_key *b);
/* "SHA256:<base64 without padding>" into buf (at least 60 bytes). */
SSHC_API int sshc_key_fingerprint_sha256(const sshc_key *key, char *buf, size_t cap);
/* "MD5:xx:xx:..." as ssh-keygen -E md5 prints it; cap at least 52. */
SSHC_API int sshc_key_fingerprint_md5(const sshc_key *key, char *buf, size_t cap);
/* The public key line "type base64 [comment]" (NUL-terminated) into a malloc'd string. */
SSHC_API int sshc_key_format_public_line(const sshc_key *key, const char *comment, char **out);
/*
 * The private key as an unencrypted openssh-key-v1 PEM-armoured file, into a
 * malloc'd NUL-terminated string the caller frees (it holds a secret: wipe it).
 */
SSHC_API int sshc_key_format_private_file(const sshc_key *key, const char *comment, char **out);
/*
 * The same, protected with passphrase as ssh-keygen does (bcrypt kdf with
 * rounds, 0 for the default 16; aes256-ctr). A NULL or empty passphrase
 * writes an unencrypted file.
 */
SSHC_API int sshc_key_format_private_file_pass(const sshc_key *key, const char *comment,
                                               const char *passphrase, unsigned rounds,
                                               char **out);

/* ===================================================================== */
/* known_hosts and authorized_keys                                        */
/* ===================================================================== */

enum sshc_known_host_status {
    SSHC_KNOWN_HOST_OK = 0,        /* a matching line has this key */
    SSHC_KNOWN_HOST_NOT_FOUND = 1, /* no line for this host */
    SSHC_KNOWN_HOST_CHANGED = 2,   /* lines for this host, none with this key */
    SSHC_KNOWN_HOST_REVOKED = 3,   /* an @revoked line names this key */
};

/*
 * Look host (with port; 22 means the plain host name, any other port the
 * "[host]:port" form) and key up in known_hosts contents (OpenSSH's format,
 * including hashed |1| names, patterns and @revoked). Returns the status
 * (>= 0), or a negative error.
 */
SSHC_API int sshc_known_hosts_check(const uint8_t *data, size_t len, const char *host,
                                    uint16_t port, const sshc_key *key);
SSHC_API int sshc_known_hosts_check_file(const char *path, const char *host, uint16_t port,
                                         const sshc_key *key);
/* Append a line for host:port with key to the file (created mode 0600). */
SSHC_API int sshc_known_hosts_add_file(const char *path, const char *host, uint16_t port,
                                       const sshc_key *key);
/* Is key listed in authorized_keys contents? 1 yes, 0 no, negative on error. */
SSHC_API int sshc_authorized_keys_match(const uint8_t *data, size_t len, const sshc_key *key);
SSHC_API int sshc_authorized_keys_match_file(const char *path, const sshc_key *key);

/* ===================================================================== */
/* Configuration                                                          */
/* ===================================================================== */

typedef struct sshc_config sshc_config;

enum sshc_role {
    SSHC_ROLE_CLIENT = 0,
    SSHC_ROLE_SERVER = 1,
};

/* Randomness: fill buf with len random bytes; return 0, or non-zero on failure. */
typedef int (*sshc_rng_fn)(void *ctx, uint8_t *buf, size_t len);

enum sshc_log_level {
    SSHC_LOG_ERROR = 0,
    SSHC_LOG_INFO = 1,
    SSHC_LOG_DEBUG = 2,
    SSHC_LOG_TRACE = 3,
};
typedef void (*sshc_log_fn)(void *ctx, enum sshc_log_level level, const char *msg);
/*
 * Packet trace: called for every packet payload sent (outbound true) or
 * received, after decryption, before parsing. payload is valid during the
 * call only. Used by -vvv and to record fuzz corpora.
 */
typedef void (*sshc_trace_fn)(void *ctx, bool outbound, const uint8_t *payload, size_t len);

/*
 * Decode a traced payload into one line ("<< CHANNEL_OPEN (90) len=24
 * type=\"session\" sender=0 ..."), NUL-terminated, into buf. Secrets show
 * as their length only. Returns the length written.
 */
SSHC_API size_t sshc_trace_describe(bool outbound, const uint8_t *payload, size_t len, char *buf,
                                    size_t cap);

/* A config with defaults for the role; NULL on allocation failure. */
SSHC_API sshc_config *sshc_config_new(enum sshc_role role);
SSHC_API void sshc_config_free(sshc_config *cfg);
/*
 * Algorithm preference lists in ssh_config(5) syntax: a comma-separated
 * list replaces the default, "+list" appends to it, "-list" removes from
 * it, "^list" puts names first; '*' and '?' patterns match supported names
 * (legacy algorithms are enabled only by naming them). Unknown names fail
 * with SSHC_E_UNSUPPORTED; an empty result with SSHC_E_INVALID_ARG.
 */
SSHC_API int sshc_config_set_kex_algorithms(sshc_config *cfg, const char *list);
SSHC_API int sshc_config_set_hostkey_algorithms(sshc_config *cfg, const char *list);
/*
 * Signature algorithms for publickey authentication (PubkeyAcceptedAlgorithms):
 * the server accepts and advertises (server-sig-algs) only these; the
 * client signs only with these.
 */
SSHC_API int sshc_config_set_pubkey_algorithms(sshc_config *cfg, const char *list);
SSHC_API int sshc_config_set_ciphers(sshc_config *cfg, const char *list);
SSHC_API int sshc_config_set_macs(sshc_config *cfg, const char *list);
/* The comma-separated list in force (static until the next set on this config). */
SSHC_API const char *sshc_config_get_kex_algorithms(const sshc_config *cfg);
SSHC_API const char *sshc_config_get_ciphers(const sshc_config *cfg);
SSHC_API const char *sshc_config_get_macs(const sshc_config *cfg);
/*
 * Compression methods offered, in preference order: "none" (default),
 * "zlib@openssh.com" (starts after authentication), "zlib" (RFC 4253 §6.2).
 * Same list syntax as the algorithm lists.
 */
SSHC_API int sshc_config_set_compression(sshc_config *cfg, const char *list);
/* Largest inbound packet accepted (>= 35000; default 256 KiB). */
SSHC_API int sshc_config_set_max_packet(sshc_config *cfg, size_t bytes);
/* Receive window per channel and the maximum packet we advertise. */
SSHC_API int sshc_config_set_channel_window(sshc_config *cfg, size_t window, size_t max_packet);
SSHC_API int sshc_config_set_rng(sshc_config *cfg, sshc_rng_fn fn, void *ctx);
SSHC_API int sshc_config_set_log(sshc_config *cfg, sshc_log_fn fn, void *ctx,
                                 enum sshc_log_level level);
SSHC_API int sshc_config_set_trace(sshc_config *cfg, sshc_trace_fn fn, void *ctx);
/* The software-version part of our identification string (default "libsshcore_0.1"). */
SSHC_API int sshc_config_set_software_version(sshc_config *cfg, const char *version);
/* Server: add a host key with its private half (the config keeps a copy). */
SSHC_API int sshc_config_add_host_key(sshc_config *cfg, const sshc_key *key);
/* Server: methods offered, e.g. "publickey,password" (default). */
SSHC_API int sshc_config_set_auth_methods(sshc_config *cfg, const char *list);
/* Server: failed attempts before disconnect (default 6). */
SSHC_API int sshc_config_set_max_auth_tries(sshc_config *cfg, unsigned tries);
/* Server: banner sent before authentication (NULL for none). */
SSHC_API int sshc_config_set_banner(sshc_config *cfg, const char *banner);
/* Server: seconds allowed before authentication completes (default 120; 0 = none). */
SSHC_API int sshc_config_set_login_grace(sshc_config *cfg, unsigned seconds);
/*
 * Re-key after this many bytes in either direction (0: the default, 1 GiB)
 * or this many seconds (0: never; default 3600), like ssh_config(5)
 * RekeyLimit. Packets are always re-keyed before 2^31 (RFC 4344 §3).
 */
SSHC_API int sshc_config_set_rekey_limit(sshc_config *cfg, uint64_t bytes, unsigned seconds);
/* Channels one connection may have open (default 1024). */
SSHC_API int sshc_config_set_max_channels(sshc_config *cfg, unsigned n);

/* ===================================================================== */
/* Session (sans-I/O)                                                     */
/* ===================================================================== */

typedef struct sshc_session sshc_session;

/*
 * A new session in the config's role. The config must outlive the session
 * and must not be changed while sessions use it. NULL on allocation failure.
 */
SSHC_API sshc_session *sshc_session_new(const sshc_config *cfg);
/* Wipes all secrets; NULL is a no-op. */
SSHC_API void sshc_session_free(sshc_session *s);

/*
 * Feed len bytes that arrived from the peer. *used is set to how many were
 * consumed: processing stops early while events are waiting to be polled or
 * a decision is pending, so call again with the rest after draining events.
 * "Need more bytes" is not an error. Returns SSHC_OK or a fatal error (the
 * session is then dead: a DISCONNECT may still wait in the output).
 * Pass len 0 to signal that the peer closed the connection (end of file).
 */
SSHC_API int sshc_session_recv(sshc_session *s, const uint8_t *data, size_t len, size_t *used);
/*
 * Lend out the bytes waiting to be sent: *data points into the session's
 * output buffer and is valid until the next call on the session other than
 * sshc_session_output itself. *len is 0 when nothing waits.
 */
SSHC_API int sshc_session_output(sshc_session *s, const uint8_t **data, size_t *len);
/* n bytes of what sshc_session_output lent were sent. */
SSHC_API int sshc_session_output_done(sshc_session *s, size_t n);
/* Bytes waiting in the output buffer. */
SSHC_API size_t sshc_session_output_pending(const sshc_session *s);

/* The current time, in milliseconds on any monotonic clock. */
SSHC_API int sshc_session_tick(sshc_session *s, uint64_t now_ms);
/* When tick must next be called (ms, same clock); UINT64_MAX for never. */
SSHC_API uint64_t sshc_session_deadline(const sshc_session *s);

enum sshc_event_type {
    SSHC_EV_NONE = 0,
    /* Client: verify the server's host key (key). Reply SSHC_ALLOW or SSHC_DENY. */
    SSHC_EV_HOSTKEY = 1,
    /* Both: the first key exchange finished; the session can authenticate. */
    SSHC_EV_READY = 2,
    /* Client: the server's banner (str). */
    SSHC_EV_AUTH_BANNER = 3,
    /*
     * Client: result of the last auth call. code: SSHC_AUTH_SUCCESS,
     * SSHC_AUTH_FAILURE or SSHC_AUTH_PARTIAL; str: methods that can continue.
     */
    SSHC_EV_AUTH_RESULT = 4,
    /* Server decision: password (data, len) for user (str). */
    SSHC_EV_AUTH_PASSWORD = 5,
    /*
     * Server decision: may user (str) log in with key? flag false: a query
     * (no signature yet); true: the signature was verified.
     */
    SSHC_EV_AUTH_PUBKEY = 6,
    /* Server: user (str) authenticated with method (str2). */
    SSHC_EV_AUTH_SUCCESS = 7,
    /* Server decision: the client opens a channel of type str on channel. */
    SSHC_EV_CHANNEL_OPEN_REQUEST = 8,
    /* Client: our channel open was confirmed. */
    SSHC_EV_CHANNEL_OPENED = 9,
    /* Client: our channel open failed; code is the reason, str the description. */
    SSHC_EV_CHANNEL_OPEN_FAILED = 10,
    /*
     * Server decision: channel request str ("exec", "shell", "env",
     * "pty-req", "subsystem", ...). For exec and subsystem data/len (and
     * str2, NUL-terminated) hold the command or subsystem name; for env,
     * str2 is the name and data/len the value. Requests that want no reply
     * ("window-change", "signal") arrive too; their reply is ignored.
     */
    SSHC_EV_CHANNEL_REQUEST = 11,
    /* Client: reply to our channel request; flag true for success. */
    SSHC_EV_CHANNEL_REQUEST_RESULT = 12,
    /*
     * Data (data, len) on channel; code 0 for normal data, else the
     * extended data type (1 = stderr). Call sshc_channel_consume() once
     * the data is really used, so the window reopens.
     */
    SSHC_EV_CHANNEL_DATA = 13,
    SSHC_EV_CHANNEL_EOF = 14,
    /* Client: the remote command exited with status code. */
    SSHC_EV_CHANNEL_EXIT_STATUS = 15,
    /* Client: the remote command was killed by signal str (e.g. "TERM"). */
    SSHC_EV_CHANNEL_EXIT_SIGNAL = 16,
    /* Both: the channel is closed both ways; its id is free again. */
    SSHC_EV_CHANNEL_CLOSED = 17,
    /*
     * Both: writes may continue on channel (the peer's window grew, or a
     * key exchange that held writes finished). channel is SSHC_CHANNEL_ALL
     * when it concerns every channel.
     */
    SSHC_EV_CHANNEL_WINDOW = 18,
    /* Both: the peer sent DISCONNECT; code the reason, str the description. */
    SSHC_EV_DISCONNECTED = 19,
};

/* In SSHC_EV_CHANNEL_WINDOW: every channel. */
#define SSHC_CHANNEL_ALL UINT32_MAX

enum sshc_decision {
    SSHC_DENY = 0,
    SSHC_ALLOW = 1,
};

enum sshc_auth_result {
    SSHC_AUTH_SUCCESS = 0,
    SSHC_AUTH_FAILURE = 1,
    SSHC_AUTH_PARTIAL = 2,
};

/*
 * An event. Pointers in it are borrowed: valid until the next call to
 * sshc_session_poll_event() or sshc_session_recv() on the same session.
 */
typedef struct sshc_event {
    enum sshc_event_type type;
    uint32_t decision;   /* non-zero for events that need sshc_session_reply() */
    uint32_t channel;    /* our channel id, for channel events */
    uint32_t code;
    bool flag;
    const uint8_t *data;
    size_t len;
    const char *str;
    const char *str2;
    const sshc_key *key;
} sshc_event;

/*
 * The next event into *ev: 1 if there was one, 0 if none (SSHC_E_INVALID_ARG
 * for bad arguments). When the queue is empty, input already buffered by
 * sshc_session_recv is processed first, so keep polling until 0 before
 * waiting for more bytes. A fatal error met while processing does not make
 * this call fail: check sshc_session_is_closed() / sshc_session_error().
 */
SSHC_API int sshc_session_poll_event(sshc_session *s, sshc_event *ev);
/* Answer a decision event (SSHC_ALLOW / SSHC_DENY). */
SSHC_API int sshc_session_reply(sshc_session *s, uint32_t decision, enum sshc_decision answer);
/* Send DISCONNECT with reason and description, and close the session. */
SSHC_API int sshc_session_disconnect(sshc_session *s, uint32_t reason, const char *description);
/*
 * Start a new key exchange now (RFC 4253 §9). Channel data pauses until it
 * completes (SSHC_EV_CHANNEL_WINDOW with SSHC_CHANNEL_ALL follows).
 * SSHC_E_BAD_STATE before the first exchange finished or while one runs.
 */
SSHC_API int sshc_session_rekey(sshc_session *s);
/* Key exchanges completed so far (the first one included). */
SSHC_API unsigned sshc_session_kex_count(const sshc_session *s);
/* The fatal error that ended the session (SSHC_OK while it lives). */
SSHC_API int sshc_session_error(const sshc_session *s);
/* A line a person can act on about the last error; never NULL. */
SSHC_API const char *sshc_session_error_detail(const sshc_session *s);
/* Closed: fatal error, disconnect sent or received, or EOF. */
SSHC_API bool sshc_session_is_closed(const sshc_session *s);
/* Authenticated (client: success received; server: success sent). */
SSHC_API bool sshc_session_is_authenticated(const sshc_session *s);
/* Names negotiated in the last key exchange: "kex", "hostkey", "cipher_ctos", "mac_ctos", ... */
SSHC_API const char *sshc_session_get_algorithm(const sshc_session *s, const char *what);
/* The peer's identification string (without CR LF); NULL before it arrived. */
SSHC_API const char *sshc_session_peer_version(const sshc_session *s);

/* ----- Client authentication (after SSHC_EV_READY) ----- */

/* "none": learns the methods the server allows (SSHC_EV_AUTH_RESULT). */
SSHC_API int sshc_auth_none(sshc_session *s, const char *user);
SSHC_API int sshc_auth_password(sshc_session *s, const char *user, const char *password);
/*
 * publickey: first asks whether the server would accept key; when it
 * would, signs and sends. key must have its private half and must stay
 * alive until SSHC_EV_AUTH_RESULT.
 */
SSHC_API int sshc_auth_publickey(sshc_session *s, const char *user, const sshc_key *key);

/* ----- Channels ----- */

/* Client: open a "session" channel; *channel is our id. SSHC_EV_CHANNEL_OPENED follows. */
SSHC_API int sshc_channel_open_session(sshc_session *s, uint32_t *channel);
/* Client: request "exec" with want-reply; SSHC_EV_CHANNEL_REQUEST_RESULT follows. */
SSHC_API int sshc_channel_exec(sshc_session *s, uint32_t channel, const char *command);
/*
 * Send up to len bytes of data (stream 0) or extended data (stream 1 =
 * stderr) on channel, as much as the peer's window allows. *written says
 * how much was taken (0 if the window is closed: wait for
 * SSHC_EV_CHANNEL_WINDOW).
 */
SSHC_API int sshc_channel_write(sshc_session *s, uint32_t channel, uint32_t stream,
                                const uint8_t *data, size_t len, size_t *written);
/* Bytes the peer's window allows now. */
SSHC_API size_t sshc_channel_send_window(const sshc_session *s, uint32_t channel);
/* n bytes of received data were used: reopen the window (WINDOW_ADJUST). */
SSHC_API int sshc_channel_consume(sshc_session *s, uint32_t channel, size_t n);
SSHC_API int sshc_channel_send_eof(sshc_session *s, uint32_t channel);
/* Server: send "exit-status". */
SSHC_API int sshc_channel_send_exit_status(sshc_session *s, uint32_t channel, uint32_t status);
/* Server: send "exit-signal" (signal name without "SIG"). */
SSHC_API int sshc_channel_send_exit_signal(sshc_session *s, uint32_t channel, const char *signal,
                                           bool core_dumped, const char *message);
/* Send CLOSE; SSHC_EV_CHANNEL_CLOSED follows when the peer's CLOSE arrives. */
SSHC_API int sshc_channel_close(sshc_session *s, uint32_t channel);

/* ===================================================================== */
/* Drivers                                                                */
/* ===================================================================== */

/* SSHC_DRIVERS_BEGIN (the blocking client and the event-loop server) */

/* ----- Blocking client (src/net/client.c): paramiko's SSHClient ----- */

typedef struct sshc_client sshc_client;

/* What to do with a host key that known_hosts does not list (paramiko's policies). */
enum sshc_hostkey_policy {
    SSHC_HOSTKEY_REJECT = 0,     /* unknown keys fail (StrictHostKeyChecking=yes) */
    SSHC_HOSTKEY_ACCEPT_NEW = 1, /* unknown keys are added to known_hosts (accept-new) */
    SSHC_HOSTKEY_WARN = 2,       /* unknown keys are logged and accepted, not added (no) */
    SSHC_HOSTKEY_ASK = 3,        /* unknown keys go to the callback; accepted ones are added (ask) */
};

/*
 * For SSHC_HOSTKEY_ASK: may this unknown key for host:port be trusted?
 * fingerprint is its SHA256 fingerprint. Return true to accept (the key is
 * then added to known_hosts), false to refuse.
 */
typedef bool (*sshc_hostkey_ask_fn)(void *ctx, const char *host, uint16_t port,
                                    const sshc_key *key, const char *fingerprint);

/* A client over cfg (role client; must outlive the client). NULL on allocation failure. */
SSHC_API sshc_client *sshc_client_new(const sshc_config *cfg);
/* Disconnects (if connected), closes the socket, frees. NULL is a no-op. */
SSHC_API void sshc_client_free(sshc_client *c);
/*
 * Host key verification against known_hosts (path NULL: no file). A key
 * that differs from a listed one, or is @revoked, is always refused.
 */
SSHC_API int sshc_client_set_known_hosts(sshc_client *c, const char *path,
                                         enum sshc_hostkey_policy policy);
/* The callback SSHC_HOSTKEY_ASK uses (without one, ASK refuses unknown keys). */
SSHC_API int sshc_client_set_hostkey_ask(sshc_client *c, sshc_hostkey_ask_fn fn, void *ctx);
/*
 * Timeouts in milliseconds (0: none). connect_ms bounds the TCP connect and
 * then the version and key exchange until the session is ready (as ssh's
 * ConnectTimeout); io_ms bounds each later wait for the peer.
 */
SSHC_API int sshc_client_set_timeouts(sshc_client *c, unsigned connect_ms, unsigned io_ms);
/*
 * Resolve host, connect over TCP (TCP_NODELAY), run the key exchange and
 * verify the host key. SSHC_E_RESOLVE, SSHC_E_IO, SSHC_E_TIMEOUT,
 * SSHC_E_HOSTKEY_REJECTED, SSHC_E_HOSTKEY_CHANGED or a protocol error.
 */
SSHC_API int sshc_client_connect(sshc_client *c, const char *host, uint16_t port);
/* Connect over an already connected socket (the client owns it from now on). */
SSHC_API int sshc_client_connect_fd(sshc_client *c, int fd, const char *host, uint16_t port);
/*
 * Authentication; each returns SSHC_OK when the server accepted,
 * SSHC_E_AUTH_DENIED when it refused (sshc_client_auth_methods tells what
 * may continue), or a fatal error.
 */
SSHC_API int sshc_client_auth_none(sshc_client *c, const char *user);
SSHC_API int sshc_client_auth_password(sshc_client *c, const char *user, const char *password);
SSHC_API int sshc_client_auth_publickey(sshc_client *c, const char *user, const sshc_key *key);
/* Methods the server listed in its last failure ("publickey,password"); "" before one. */
SSHC_API const char *sshc_client_auth_methods(const sshc_client *c);
/* The server's banner, if one was sent; NULL otherwise. */
SSHC_API const char *sshc_client_banner(const sshc_client *c);
/* The session underneath, for algorithm names, errors, re-keying. */
SSHC_API sshc_session *sshc_client_session(sshc_client *c);
/* The server's host key (valid while the client lives). */
SSHC_API const sshc_key *sshc_client_host_key(const sshc_client *c);
/* Open a session channel and run command; SSHC_E_PROTOCOL-class errors or SSHC_E_UNSUPPORTED if refused. */
SSHC_API int sshc_client_exec(sshc_client *c, const char *command, uint32_t *channel);
/*
 * Read from channel: blocks until data is there, then copies up to cap
 * bytes into buf and sets *stream (0 stdout, 1 stderr). *n == 0 means both
 * streams reached EOF.
 */
SSHC_API int sshc_client_read(sshc_client *c, uint32_t channel, uint8_t *buf, size_t cap,
                              size_t *n, int *stream);
/* Write all of data to the channel's stdin, blocking as flow control requires. */
SSHC_API int sshc_client_write(sshc_client *c, uint32_t channel, const uint8_t *data, size_t len);
SSHC_API int sshc_client_send_eof(sshc_client *c, uint32_t channel);
/*
 * Wait until the channel closes; *status is the exit status, or -1 when the
 * command died by a signal (signal name into sig, cap bytes) or sent none.
 * Unread output is discarded.
 */
SSHC_API int sshc_client_wait_exit(sshc_client *c, uint32_t channel, int *status, char *sig,
                                   size_t sig_cap);
/*
 * Run channel against file descriptors until it closes: in_fd (may be -1)
 * is copied to the remote stdin (EOF sent at its end), stdout and stderr to
 * out_fd and err_fd. *status as in sshc_client_wait_exit.
 */
SSHC_API int sshc_client_run_fds(sshc_client *c, uint32_t channel, int in_fd, int out_fd,
                                 int err_fd, int *status);
/* Send DISCONNECT (by application) and close the socket. */
SSHC_API int sshc_client_disconnect(sshc_client *c);

/* ----- Event-loop server (src/net/server.c): paramiko's ServerInterface ----- */

typedef struct sshc_server sshc_server;

typedef struct sshc_server_callbacks {
    void *ctx;
    /* Password for user acceptable? NULL: password auth refused. */
    bool (*check_password)(void *ctx, const char *user, const uint8_t *password, size_t len);
    /* May user log in with key? NULL: publickey auth refused. */
    bool (*check_publickey)(void *ctx, const char *user, const sshc_key *key);
    /* May user run command (exec)? NULL: every command is allowed. */
    bool (*check_exec)(void *ctx, const char *user, const char *command);
} sshc_server_callbacks;

/*
 * A server over cfg (role server, with host keys). Commands run as
 * "/bin/sh -c command" as the server's own user, with the channel wired to
 * the child's stdin, stdout and stderr.
 */
SSHC_API sshc_server *sshc_server_new(const sshc_config *cfg, const sshc_server_callbacks *cb);
/* Stops listening, drops every connection (children get SIGHUP), frees. */
SSHC_API void sshc_server_free(sshc_server *srv);
/* Listen on addr (NULL: 127.0.0.1) and port (0: any free port). */
SSHC_API int sshc_server_listen(sshc_server *srv, const char *addr, uint16_t port);
/* The port listened on. */
SSHC_API uint16_t sshc_server_port(const sshc_server *srv);
/* Limit on concurrent connections (default 4096); more are refused at accept. */
SSHC_API int sshc_server_set_max_connections(sshc_server *srv, unsigned n);
/*
 * Run the event loop for at most timeout_ms (-1: until sshc_server_stop).
 * Returns SSHC_OK after a stop, or on timeout.
 */
SSHC_API int sshc_server_run(sshc_server *srv, int timeout_ms);
/* Make sshc_server_run return (async-signal-safe). */
SSHC_API void sshc_server_stop(sshc_server *srv);
/* Connections open now. */
SSHC_API size_t sshc_server_connection_count(const sshc_server *srv);

/* SSHC_DRIVERS_END */

#ifdef __cplusplus
}
#endif

#endif
