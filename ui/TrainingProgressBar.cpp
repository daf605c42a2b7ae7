#include "TrainingProgressBar.h"

#include "Plural.h"

#include <QTimer>

namespace footfall {

TrainingProgressBar::TrainingProgressBar(QWidget* parent)
    : QProgressBar(parent)
    , m_timer(new QTimer(this))
{
    setObjectName(QStringLiteral("trainingBar"));
    setTextVisible(true);
    hide();
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &TrainingProgressBar::showCounts);
}

ModelTrainer::Progress TrainingProgressBar::start()
{
    m_counts = std::make_shared<Counts>();
    setRange(0, 0); // busy until the training has counted its events
    setFormat(tr("Training: counting the events…"));
    show();
    m_timer->start();
    return [counts = m_counts](qint64 read, qint64 total) {
        counts->total = total;
        counts->read = read;
    };
}

void TrainingProgressBar::stop()
{
    m_timer->stop();
    hide();
}

void TrainingProgressBar::showCounts()
{
    const qint64 total = m_counts->total;
    const qint64 read = m_counts->read;
    if (total <= 0)
        return;
    setRange(0, 1000);
    setValue(int(1000 * std::min(read, total) / total));
    setFormat(
        read < total
            ? tr("Training: %L1 of %2 read").arg(read).arg(plural(total, tr("event"), tr("events")))
            : tr("Training: %1 read; storing the model…").arg(plural(total, tr("event"), tr("events"))));
}

} // namespace footfall
