#include "UserGuideDialog.h"

#include "DialogFocus.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QScreen>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <algorithm>

namespace footfall {

const char* UserGuideDialog::kGuideUrl = "qrc:/footfall/guide/user-guide.html";

UserGuideDialog::UserGuideDialog(QWidget* parent)
    : QDialog(parent)
    , m_browser(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("userGuideDialog"));
    setWindowTitle(tr("Footfall user guide"));
    m_browser->setObjectName(QStringLiteral("guideBrowser"));
    m_browser->setAccessibleName(tr("User guide"));
    m_browser->setOpenExternalLinks(true);
    m_browser->setSource(QUrl(QString::fromLatin1(kGuideUrl)));

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    auto* contents = buttons->addButton(tr("C&ontents"), QDialogButtonBox::ActionRole);
    contents->setObjectName(QStringLiteral("contentsButton"));
    contents->setToolTip(tr("Back to the top of the guide"));
    connect(contents, &QPushButton::clicked, m_browser, &QTextBrowser::home);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_browser, 1);
    layout->addWidget(buttons);
    const QRect screenArea = screen() ? screen()->availableGeometry() : QRect(0, 0, 1100, 760);
    resize(std::min(760, screenArea.width() - 40), std::min(720, screenArea.height() - 60));
    DialogFocus::orderAndFocus(this);
}

} // namespace footfall
