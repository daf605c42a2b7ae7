#pragma once

#include "EndpointRouter.h"

#include <QtGlobal>

#include <functional>

namespace footfall {

// One request on its way from the HTTP thread to the thread that answers it. `done` is called once,
// on that thread, with the reply; it hands the reply back to the HTTP thread.
struct EndpointJob
{
    EndpointRequest request;
    EndpointWork work = EndpointWork::Write;
    std::function<void(EndpointReply)> done;
    // QDeadlineTimer-like point (ms since the epoch of QDateTime::currentMSecsSinceEpoch): past it,
    // a request still waiting for the database's write lock is answered 503.
    qint64 deadlineMs = 0;
};

} // namespace footfall
