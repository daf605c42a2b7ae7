#pragma once

#include <QDialog>

class QTextBrowser;

namespace footfall {

// Help ▸ User Guide (F1): the guide bundled in the resources, in a browser with its own contents
// links; it stays open beside the console.
class UserGuideDialog final : public QDialog
{
    Q_OBJECT

public:
    explicit UserGuideDialog(QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(UserGuideDialog)

    static const char* kGuideUrl;

    QTextBrowser* browser() const { return m_browser; }

private:
    QTextBrowser* m_browser;
};

} // namespace footfall
