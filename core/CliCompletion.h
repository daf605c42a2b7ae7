#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace footfall {

// The bash completion script for the command line, written from its catalog: commands,
// subcommands, each subcommand's flags, and the values a flag takes where the model lists them.
class CliCompletion
{
public:
    struct Subcommand
    {
        QString name;
        QStringList flags;
        QMap<QString, QStringList> flagValues; // --domain -> ECOMMERCE VIDEO_ON_DEMAND
    };
    struct Command
    {
        QString name;
        QList<Subcommand> subcommands; // one unnamed entry for a command without subcommands
    };

    CliCompletion() = delete;

    static QString bashScript(const QList<Command>& commands, const QStringList& globalOptions);
};

} // namespace footfall
