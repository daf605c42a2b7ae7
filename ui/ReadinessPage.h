#pragma once

#include "Readiness.h"
#include "ResourcePage.h"

#include <QFutureWatcher>

class QLabel;
class QLineEdit;
class QProgressBar;
class QTimer;

namespace footfall {

// How close a dataset group is to trainable: interactions and users with two or more of them
// against AWS's minimums, what is left out and why, under optional training filters.
class ReadinessPage final : public ResourcePage
{
    Q_OBJECT

public:
    explicit ReadinessPage(QWidget* parent = nullptr);
    ~ReadinessPage() override;
    Q_DISABLE_COPY_MOVE(ReadinessPage)

    // The last readiness shown; valid once the computation has finished.
    const Readiness& readiness() const { return m_readiness; }

signals:
    void computed();

protected:
    bool load() override;

private:
    void compute();
    void showReadiness(const Readiness& readiness);

    qint64 m_groupId = 0;
    Readiness m_readiness;
    QProgressBar* m_interactionsBar;
    QProgressBar* m_usersBar;
    QLabel* m_verdict;
    QLabel* m_explanation;
    QLineEdit* m_eventTypesFilter;
    QLineEdit* m_minValueFilter;
    QLabel* m_filterHint;
    QTimer* m_filterTimer;
    QFutureWatcher<Readiness> m_watcher;
};

} // namespace footfall
