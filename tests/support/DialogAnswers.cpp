#include "DialogAnswers.h"

#include <QApplication>
#include <QFileDialog>
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

} // namespace footfall::test
