#pragma once

#include <QMutex>
#include <QQueue>
#include <QWaitCondition>

#include <optional>

namespace footfall {

// A queue between one producing and one consuming thread that holds at most `capacity` items:
// push() waits while it is full, pop() while it is empty. close() ends it: push() refuses from
// then on, pop() hands out what is left and then nothing.
template <typename T> class BoundedQueue
{
public:
    explicit BoundedQueue(int capacity)
        : m_capacity(capacity)
    {}
    Q_DISABLE_COPY_MOVE(BoundedQueue)

    // False when the queue was closed (the item is dropped).
    bool push(T item)
    {
        QMutexLocker lock(&m_mutex);
        while (!m_closed && m_items.size() >= m_capacity)
            m_notFull.wait(&m_mutex);
        if (m_closed)
            return false;
        m_items.enqueue(std::move(item));
        m_notEmpty.wakeOne();
        return true;
    }

    // Nothing once the queue is closed and empty.
    std::optional<T> pop()
    {
        QMutexLocker lock(&m_mutex);
        while (!m_closed && m_items.isEmpty())
            m_notEmpty.wait(&m_mutex);
        if (m_items.isEmpty())
            return std::nullopt;
        std::optional<T> item(m_items.dequeue());
        m_notFull.wakeOne();
        return item;
    }

    void close()
    {
        QMutexLocker lock(&m_mutex);
        m_closed = true;
        m_notEmpty.wakeAll();
        m_notFull.wakeAll();
    }

    bool isClosed() const
    {
        QMutexLocker lock(&m_mutex);
        return m_closed;
    }

private:
    mutable QMutex m_mutex;
    QWaitCondition m_notFull;
    QWaitCondition m_notEmpty;
    QQueue<T> m_items;
    const int m_capacity;
    bool m_closed = false;
};

} // namespace footfall
