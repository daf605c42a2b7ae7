#include "ReportRangeBar.h"

#include "AttributionReport.h"

#include <QComboBox>
#include <QDateTime>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QTimeZone>

namespace footfall {

namespace {
constexpr int kCustom = 5;
const QList<qint64> kPresetSeconds = {0, 86400, 7 * 86400, 14 * 86400, 30 * 86400};

QString bucketLabel(int seconds)
{
    switch (seconds) {
    case 900:
        return ReportRangeBar::tr("15 minutes");
    case 3600:
        return ReportRangeBar::tr("1 hour");
    case 21600:
        return ReportRangeBar::tr("6 hours");
    case 86400:
        return ReportRangeBar::tr("1 day");
    default:
        return AttributionReport::bucketName(seconds);
    }
}
} // namespace

ReportRangeBar::ReportRangeBar(QWidget* parent)
    : QWidget(parent)
    , m_preset(new QComboBox(this))
    , m_from(new QDateTimeEdit(this))
    , m_to(new QDateTimeEdit(this))
    , m_bucket(new QComboBox(this))
{
    m_preset->setObjectName(QStringLiteral("rangeCombo"));
    m_preset->setAccessibleName(tr("Time range"));
    m_preset->addItems({tr("Since counting began"), tr("Last 24 hours"), tr("Last 7 days"),
                        tr("Last 14 days"), tr("Last 30 days"), tr("Custom range")});
    for (QDateTimeEdit* edit : {m_from, m_to}) {
        edit->setTimeSpec(Qt::UTC);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
        edit->setCalendarPopup(true);
        edit->setVisible(false);
    }
    m_from->setObjectName(QStringLiteral("fromEdit"));
    m_from->setAccessibleName(tr("From"));
    m_to->setObjectName(QStringLiteral("toEdit"));
    m_to->setAccessibleName(tr("To"));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    m_bucket->setObjectName(QStringLiteral("bucketCombo"));
    m_bucket->setAccessibleName(tr("Bucket size"));
    m_bucket->setToolTip(tr("Fit to range picks the finest bucket that keeps the range to at most %1 "
                            "windows")
                             .arg(AttributionReport::kMaxFittedWindows));
    m_bucket->addItem(tr("Fit to range"), 0);
    for (const int seconds : AttributionReport::bucketChoices())
        m_bucket->addItem(bucketLabel(seconds), seconds);
    m_bucket->setSizeAdjustPolicy(QComboBox::AdjustToContents);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* rangeLabel = new QLabel(tr("&Range:"), this);
    rangeLabel->setBuddy(m_preset);
    auto* bucketLabel = new QLabel(tr("&Bucket:"), this);
    bucketLabel->setBuddy(m_bucket);
    layout->addWidget(rangeLabel);
    layout->addWidget(m_preset);
    layout->addWidget(m_from);
    layout->addWidget(m_to);
    layout->addSpacing(12);
    layout->addWidget(bucketLabel);
    layout->addWidget(m_bucket);

    connect(m_preset, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_from->setVisible(index == kCustom);
        m_to->setVisible(index == kCustom);
        emit changed();
    });
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &ReportRangeBar::changed);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &ReportRangeBar::changed);
    connect(m_bucket, &QComboBox::currentIndexChanged, this, &ReportRangeBar::changed);
}

int ReportRangeBar::bucketSeconds() const
{
    return m_bucket->currentData().toInt();
}

void ReportRangeBar::showFittedBucket(int seconds)
{
    if (bucketSeconds() == 0)
        m_bucket->setItemText(0, tr("Fit to range (%1)").arg(bucketLabel(seconds)));
}

void ReportRangeBar::setBucketSeconds(int seconds)
{
    const int index = m_bucket->findData(seconds);
    if (index >= 0)
        m_bucket->setCurrentIndex(index);
}

qint64 ReportRangeBar::fromSeconds(qint64 nowMs) const
{
    const int preset = m_preset->currentIndex();
    if (preset == kCustom)
        return m_from->dateTime().toSecsSinceEpoch();
    if (preset <= 0 || preset >= kPresetSeconds.size())
        return 0;
    const qint64 from = nowMs / 1000 - kPresetSeconds.at(preset);
    // On a window boundary of the bucket the report will use (a fitted one fits the preset's span).
    const int bucket =
        bucketSeconds() > 0 ? bucketSeconds() : AttributionReport::bucketFor(kPresetSeconds.at(preset));
    return from - from % bucket;
}

qint64 ReportRangeBar::toSeconds() const
{
    return m_preset->currentIndex() == kCustom ? m_to->dateTime().toSecsSinceEpoch() : 0;
}

void ReportRangeBar::setPreset(int index)
{
    m_preset->setCurrentIndex(index);
}

void ReportRangeBar::setCustomRange(qint64 fromSeconds, qint64 toSeconds)
{
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_from->setDateTime(QDateTime::fromSecsSinceEpoch(fromSeconds, QTimeZone::utc()));
    m_to->setDateTime(QDateTime::fromSecsSinceEpoch(toSeconds, QTimeZone::utc()));
    if (m_preset->currentIndex() != kCustom)
        m_preset->setCurrentIndex(kCustom);
    else
        emit changed();
}

} // namespace footfall
