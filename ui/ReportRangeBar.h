#pragma once

#include <QWidget>

class QComboBox;
class QDateTimeEdit;

namespace footfall {

// The time range and bucket size of a report view: presets (since counting began, the last day,
// week, two weeks, 30 days) or a custom range, and buckets that fit the range (the default: at
// most 200 windows, as AttributionReport::bucketFor picks) or of 15 minutes, 1 hour, 6 hours or 1 day.
class ReportRangeBar final : public QWidget
{
    Q_OBJECT

public:
    explicit ReportRangeBar(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(ReportRangeBar)

    // 0: fit the range.
    int bucketSeconds() const;
    void setBucketSeconds(int seconds);
    // Names the bucket a fitted report chose, next to "Fit to range".
    void showFittedBucket(int seconds);
    // Epoch seconds; 0 leaves the end (or start) to the report's default: now (or when counting began).
    qint64 fromSeconds(qint64 nowMs) const;
    qint64 toSeconds() const;
    // Picks a preset by index: 0 since counting began, 1 last 24 hours, 2 last 7 days, 3 last 14 days,
    // 4 last 30 days, 5 custom.
    void setPreset(int index);
    void setCustomRange(qint64 fromSeconds, qint64 toSeconds);

signals:
    void changed();

private:
    QComboBox* m_preset;
    QDateTimeEdit* m_from;
    QDateTimeEdit* m_to;
    QComboBox* m_bucket;
};

} // namespace footfall
