#pragma once

#include <QString>

namespace footfall::test {

// Answers the next modal file dialog with `path`, as a person would type it and press Save or Open.
// Call it just before the click that opens the dialog.
void answerFileDialog(const QString& path);

} // namespace footfall::test
