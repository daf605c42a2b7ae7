#include "OutputFile.h"

#include "DatabaseFiles.h"
#include "ServiceError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace footfall {

OutputFile::OutputFile(const QString& path, const QString& databasePath, const QString& parameter)
    : m_path(path)
    , m_databasePath(databasePath)
    , m_parameter(parameter)
{}

OutputFile::~OutputFile()
{
    cancel();
}

void OutputFile::checkAllowed(const QString& path, const QString& databasePath, const QString& parameter)
{
    if (path.isEmpty() || isStandardOutput(path))
        return;
    const auto refuse = [&](const QString& reason) {
        throw ServiceError::invalidInput(
            parameter.isEmpty() ? reason
                                : QStringLiteral("Invalid value for parameter %1: %2").arg(parameter, reason),
            parameter);
    };
    if (DatabaseFiles::isDatabaseFile(path, databasePath))
        refuse(DatabaseFiles::refusal(path));
    if (QFileInfo(path).isDir())
        refuse(QStringLiteral("%1 is a folder; nothing was read or written. Choose a file.")
                   .arg(QDir::toNativeSeparators(path)));
}

QString OutputFile::displayName() const
{
    return isStandardOutput(m_path) ? QStringLiteral("standard output") : QDir::toNativeSeparators(m_path);
}

void OutputFile::fail(const QString& reason) const
{
    throw ServiceError::invalidInput(QStringLiteral("Cannot write %1: %2").arg(displayName(), reason),
                                     m_parameter);
}

QIODevice& OutputFile::open()
{
    checkAllowed(m_path, m_databasePath, m_parameter);
    cancel();
    if (isStandardOutput(m_path)) {
        auto file = std::make_unique<QFile>();
        if (!file->open(STDOUT_FILENO, QIODevice::WriteOnly, QFileDevice::DontCloseHandle))
            fail(file->errorString());
        m_device = std::move(file);
        return *m_device;
    }
    const QByteArray encoded = QFile::encodeName(m_path);
    struct stat status
    {};
    if (::stat(encoded.constData(), &status) == 0 && !S_ISREG(status.st_mode)) {
        // Written as `cat > FILE` would: no O_CREAT, no O_TRUNC. A FIFO waits here for its reader.
        const int fd = ::open(encoded.constData(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
        if (fd < 0)
            fail(QString::fromLocal8Bit(std::strerror(errno)));
        struct stat opened
        {};
        if (::fstat(fd, &opened) == 0 && !S_ISREG(opened.st_mode)) {
            auto file = std::make_unique<QFile>();
            if (!file->open(fd, QIODevice::WriteOnly, QFileDevice::AutoCloseHandle)) {
                ::close(fd);
                fail(file->errorString());
            }
            m_device = std::move(file);
            return *m_device;
        }
        ::close(fd); // replaced by a regular file meanwhile: write that one atomically
    }
    auto file = std::make_unique<QSaveFile>(m_path);
    if (!file->open(QIODevice::WriteOnly))
        fail(file->errorString());
    m_replacesAtomically = true;
    m_device = std::move(file);
    return *m_device;
}

QIODevice& OutputFile::device()
{
    Q_ASSERT(m_device);
    return *m_device;
}

void OutputFile::commit()
{
    if (!m_device)
        fail(QStringLiteral("it was not opened"));
    if (m_replacesAtomically) {
        auto* file = static_cast<QSaveFile*>(m_device.get());
        if (!file->commit())
            fail(file->errorString());
    } else {
        // close() forgets an earlier write error once its own flush succeeds: ask before it.
        const bool flushed = m_device->flush();
        const bool written = flushed && m_device->error() == QFileDevice::NoError;
        const QString reason = m_device->errorString();
        m_device->close();
        if (!written) {
            m_device.reset();
            fail(reason);
        }
    }
    m_device.reset();
    m_replacesAtomically = false;
}

void OutputFile::cancel()
{
    if (m_device && m_replacesAtomically)
        static_cast<QSaveFile*>(m_device.get())->cancelWriting();
    m_device.reset();
    m_replacesAtomically = false;
}

} // namespace footfall
