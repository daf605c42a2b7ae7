#pragma once

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

namespace footfall {

// `--output table` as the AWS CLI draws it: boxed sections titled with the operation's name, one
// column per scalar key (sorted), nested lists and objects in sections of their own, indented one
// level each. Wider than `terminalWidth`, single-row sections turn into key/value rows.
class CliTableFormatter
{
public:
    explicit CliTableFormatter(int terminalWidth = 80);
    Q_DISABLE_COPY_MOVE(CliTableFormatter)

    // Empty when there is nothing to show (an empty or false result).
    QString format(const QString& title, const QJsonValue& value);

    // Columns a character takes: two for East Asian wide and full-width characters.
    static int textWidth(const QString& text);

private:
    struct Section
    {
        QString title;
        QStringList headers;
        QList<QStringList> rows;
        int indent = 0;
        QList<int> maxWidths;
        int columnCount = -1;

        void setHeaders(const QStringList& names);
        void addRow(const QStringList& row);
        void widen(const QStringList& row);
        QList<int> columnWidths(int padding, int maxWidth) const;
        int totalWidth() const;
    };

    bool build(const QString* title, const QJsonValue& value, int indent);
    void buildFromObject(const QJsonObject& object, int indent);
    void buildFromList(const QJsonArray& list, int indent, const QString* title);
    void newSection(const QString& title, int indent);
    Section& current();
    void convertToVertical();
    int maxWidth() const;
    void render(const Section& section, int width, QString& out) const;
    static QString lineBreak(const QList<int>& widths);

    const int m_terminalWidth;
    QList<Section> m_sections;
};

} // namespace footfall
