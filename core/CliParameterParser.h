#pragma once

#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace footfall {

struct ApiMember;

// A command-line flag's words turned into the request member, as the AWS CLI turns them:
// file:// paramfiles; JSON where the words start with { or [; otherwise shorthand
// (`key=value,key2=[a,b]`) for structures and lists of structures, and space-separated values
// (`--event-types click buy`) for lists of scalars, converted to the model's types.
class CliParameterParser
{
public:
    explicit CliParameterParser(const QString& databasePath);

    struct Parsed
    {
        QJsonValue value;
        QString error; // the AWS CLI's words, naming the flag
    };
    // `words`: one, or for a list member every word up to the next flag. `shape`: the member's
    // ServiceShapes name, empty for Footfall's own commands (JSON or plain text only then).
    Parsed member(const ApiMember& member, const QString& shape, const QStringList& words) const;
    // --cli-input-json's text as a JSON object.
    Parsed cliInputJson(QString text) const;

private:
    // Loads a file:// (and, where `binary`, fileb://) paramfile into `text`; returns the error.
    // The database the command will open is never read as a paramfile.
    QString loadParamFile(const QString& flag, QString& text, bool binary = false) const;
    static Parsed json(const QString& flag, const QString& text);
    static Parsed shorthand(const QString& flag, const QString& text, const QString& shape);
    static Parsed scalar(const ApiMember& member, const QString& shape, const QString& text);

    QString m_databasePath;
};

} // namespace footfall
