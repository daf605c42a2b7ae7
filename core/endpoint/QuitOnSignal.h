#pragma once

#include <QObject>

class QSocketNotifier;

namespace footfall {

// Turns SIGINT and SIGTERM into QCoreApplication::quit() for as long as it lives, so that `serve`
// leaves its event loop and shuts down cleanly (training stopped and failed, connections closed)
// instead of dying in the middle of a job. A second signal while quitting ends the process at once.
class QuitOnSignal final : public QObject
{
    Q_OBJECT

public:
    explicit QuitOnSignal(QObject* parent = nullptr);
    ~QuitOnSignal() override;
    Q_DISABLE_COPY_MOVE(QuitOnSignal)

private:
    QSocketNotifier* m_notifier = nullptr;
};

} // namespace footfall
