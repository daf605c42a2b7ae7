#pragma once

#include <QString>

namespace footfall::test {

// Answers the next modal file dialog with `path`, as a person would type it and press Save or Open.
// Call it just before the click that opens the dialog.
void answerFileDialog(const QString& path);

// Accepts the next message box once it shows, and keeps its text in `text` (which must outlive it).
// A file dialog's question whether to replace the chosen file is answered Yes on the way.
void answerMessageBox(QString* text);

} // namespace footfall::test
