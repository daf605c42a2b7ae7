#pragma once

#include <QString>

namespace footfall {

// Names the process that trains a solution version, so that a process opening the database can tell
// a training job left behind by a process that was killed (CREATE PENDING or IN_PROGRESS for ever)
// from one that another live process (a `footfall serve`, the console) is still running. The token is
// this boot's id and the process id; a token from another boot, or of a process that no longer
// exists, is gone. (SQLite's WAL works on one machine only, so every process sharing the file shares its
// boot id.)
class TrainerProcess
{
public:
    static QString current();
    // True only when the process is known to be gone; a token that cannot be read counts as alive.
    static bool isGone(const QString& token);
};

} // namespace footfall
