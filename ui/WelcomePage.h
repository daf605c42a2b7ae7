#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;

namespace footfall {

class Workspace;

// Shown when nothing is selected: what Footfall is, what the open database holds, and the next step.
class WelcomePage final : public QWidget
{
    Q_OBJECT

public:
    WelcomePage(const QList<QAction*>& actions, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(WelcomePage)

    void showWorkspace(Workspace* workspace);

private:
    QLabel* m_summary;
};

} // namespace footfall
