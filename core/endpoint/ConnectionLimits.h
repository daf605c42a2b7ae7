#pragma once

#include <QtGlobal>

namespace footfall {

// What one connection to the endpoint may take, and how many may be open at once (`footfall serve
// --max-connections/--header-timeout/--body-timeout/--idle-timeout`).
struct ConnectionLimits
{
    static constexpr int kDefaultMaxConnections = 512;
    static constexpr int kDefaultHeaderTimeoutMs = 10 * 1000;
    static constexpr int kDefaultBodyTimeoutMs = 30 * 1000;
    static constexpr int kDefaultIdleTimeoutMs = 60 * 1000;
    // A request line and headers larger than this get 431.
    static constexpr int kMaxHeaderBytes = 64 * 1024;

    qint64 maxBodyBytes = 1024 * 1024;
    int maxConnections = kDefaultMaxConnections;
    // From a request's first byte to the end of its headers.
    int headerTimeoutMs = kDefaultHeaderTimeoutMs;
    // From the end of the headers to the end of the body.
    int bodyTimeoutMs = kDefaultBodyTimeoutMs;
    // Silence with no request begun and no reply owed.
    int idleTimeoutMs = kDefaultIdleTimeoutMs;
};

} // namespace footfall
