#include "WelcomePage.h"

#include "DatasetGroupService.h"
#include "DatasetService.h"
#include "EventTrackerService.h"
#include "Plural.h"
#include "SchemaService.h"
#include "ServiceError.h"
#include "Workspace.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace footfall {

WelcomePage::WelcomePage(const QList<QAction*>& actions, QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
{
    setObjectName(QStringLiteral("welcomePage"));
    auto* layout = new QVBoxLayout(this);
    auto* title =
        new QLabel(tr("<h2>Footfall</h2><p>Amazon Personalize event recording, on your own machine. "
                      "Create a dataset group with an Interactions dataset and an event tracker, then "
                      "send events with its tracking ID.</p>"),
                   this);
    title->setWordWrap(true);
    layout->addWidget(title);
    m_summary->setObjectName(QStringLiteral("workspaceSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    for (QAction* action : actions) {
        auto* button = new QPushButton(action->icon(), action->text().remove(QLatin1Char('&')), this);
        button->setObjectName(action->objectName() + QStringLiteral("Button"));
        button->setToolTip(action->toolTip());
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        connect(action, &QAction::changed, button,
                [button, action] { button->setEnabled(action->isEnabled()); });
        button->setEnabled(action->isEnabled());
        layout->addWidget(button, 0, Qt::AlignLeft);
    }
    layout->addStretch(1);
}

void WelcomePage::showWorkspace(Workspace* workspace)
{
    if (!workspace) {
        m_summary->setText(tr("No database is open. Use File ▸ New Database or File ▸ Open Database."));
        return;
    }
    try {
        m_summary->setText(
            tr("Database <b>%1</b> holds %2, %3, %4 and %5.")
                .arg(QDir::toNativeSeparators(workspace->path()).toHtmlEscaped(),
                     plural(workspace->datasetGroups().list().size(), tr("dataset group"),
                            tr("dataset groups")),
                     plural(workspace->datasets().list().size(), tr("dataset"), tr("datasets")),
                     plural(workspace->eventTrackers().list().size(), tr("event tracker"),
                            tr("event trackers")),
                     plural(workspace->schemas().list().size(), tr("schema"), tr("schemas"))));
    } catch (const StorageError& error) {
        m_summary->setText(error.message().toHtmlEscaped());
    }
}

} // namespace footfall
