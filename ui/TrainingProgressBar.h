#pragma once

#include "ModelTrainer.h"

#include <QProgressBar>

#include <atomic>
#include <memory>

class QTimer;

namespace footfall {

// The bar a page shows while a model trains on a worker thread: how many of the training events
// have been read, then that the model is being stored. Hidden when no training runs.
class TrainingProgressBar final : public QProgressBar
{
    Q_OBJECT

public:
    explicit TrainingProgressBar(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(TrainingProgressBar)

    // Shows the bar; returns the callback to hand to the training, safe to call from its thread.
    ModelTrainer::Progress start();
    void stop();

private:
    struct Counts
    {
        std::atomic<qint64> read{0};
        std::atomic<qint64> total{0};
    };
    void showCounts();

    std::shared_ptr<Counts> m_counts; // shared with the worker's callback, which may outlive a run
    QTimer* m_timer;
};

} // namespace footfall
