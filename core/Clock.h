#pragma once

#include <QtGlobal>

#include <atomic>

namespace footfall {

// Source of the current time in milliseconds since the Unix epoch. Services read time only
// through a Clock so that tests can drive it.
class Clock
{
public:
    Clock() = default;
    virtual ~Clock() = default;
    Q_DISABLE_COPY_MOVE(Clock)

    virtual qint64 nowMs() const = 0;

    static const Clock& system();
};

// A clock that stands still until told to move; for tests and simulations. Read from worker threads
// (training) while a test moves it.
class ManualClock final : public Clock
{
public:
    explicit ManualClock(qint64 startMs)
        : m_nowMs(startMs)
    {}

    qint64 nowMs() const override { return m_nowMs.load(); }
    void setNowMs(qint64 nowMs) { m_nowMs.store(nowMs); }
    void advanceMs(qint64 deltaMs) { m_nowMs.fetch_add(deltaMs); }

private:
    std::atomic<qint64> m_nowMs;
};

} // namespace footfall
