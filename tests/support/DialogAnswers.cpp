#include "DialogAnswers.h"

#include <QAbstractButton>
#include <QApplication>
#include <QFileDialog>
#include <QMessageBox>
#include <QTimer>

namespace footfall::test {

void answerFileDialog(const QString& path)
{
    QTimer::singleShot(0, [path] {
        auto* dialog = qobject_cast<QFileDialog*>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        dialog->selectFile(path);
        QMetaObject::invokeMethod(dialog, "accept");
    });
}

void answerMessageBox(QString* text)
{
    auto* timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, [timer, text] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box)
            return; // not yet, or a file dialog before it
        if (QAbstractButton* replace = box->button(QMessageBox::Yes)) {
            replace->click(); // the file dialog's "replace it?", answered as one who chose the file would
            return;
        }
        *text = box->text();
        box->accept();
        timer->stop();
        timer->deleteLater();
    });
    timer->start();
}

} // namespace footfall::test
