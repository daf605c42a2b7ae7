#pragma once

#include <QDateTime>
#include <QDialog>
#include <QJsonObject>

class QComboBox;
class QDateTimeEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace footfall {

class HintLabel;
class Workspace;

// Compose a PutEvents request by hand: tracker, session and user, up to 10 events with every
// field; see the exact JSON boto3 would send, the reason beside any field that is wrong, and send it.
class EventComposerDialog final : public QDialog
{
    Q_OBJECT

public:
    EventComposerDialog(Workspace& workspace, const QString& trackerArn, QWidget* parent = nullptr);
    Q_DISABLE_COPY_MOVE(EventComposerDialog)

    // The request as it stands, in the JSON shape PutEvents takes.
    QJsonObject request() const;

signals:
    void eventsRecorded();

private:
    struct EventDraft
    {
        QString eventType = QStringLiteral("click");
        QDateTime sentAt;
        QString itemId;
        QString eventValue;
        QString eventId;
        QList<QPair<QString, QString>> properties;
        QString impressions; // comma or space separated
        QString recommendationId;
        QString source;
    };

    void buildLayout();
    void loadTrackers(const QString& trackerArn);
    void updatePropertyKeys();
    void addEvent();
    void duplicateEvent();
    void removeEvent();
    void showEvent(int index);
    void storeCurrentEvent();
    void addPropertyRow(const QString& key, const QString& value);
    void refreshEventList();
    void revalidate();
    void send();
    QJsonObject eventJson(const EventDraft& draft) const;
    void clearHints();
    void showProblem(const QString& parameter, const QString& message);

    Workspace& m_workspace;
    QList<EventDraft> m_drafts;
    int m_current = -1;
    bool m_loading = false;
    QStringList m_propertyKeys;
    QHash<QString, QString> m_numericKeys; // camelCase key -> Avro type, for typed JSON values

    QComboBox* m_trackerCombo;
    HintLabel* m_trackerHint;
    QLineEdit* m_sessionEdit;
    HintLabel* m_sessionHint;
    QLineEdit* m_userEdit;
    HintLabel* m_userHint;
    QListWidget* m_eventList;
    HintLabel* m_listHint;
    QPushButton* m_addButton;
    QPushButton* m_duplicateButton;
    QPushButton* m_removeButton;
    QLineEdit* m_eventTypeEdit;
    HintLabel* m_eventTypeHint;
    QDateTimeEdit* m_sentAtEdit;
    HintLabel* m_sentAtHint;
    QLineEdit* m_itemIdEdit;
    HintLabel* m_itemIdHint;
    QLineEdit* m_eventValueEdit;
    HintLabel* m_eventValueHint;
    QLineEdit* m_eventIdEdit;
    HintLabel* m_eventIdHint;
    QTableWidget* m_propertiesTable;
    HintLabel* m_propertiesHint;
    QLineEdit* m_impressionsEdit;
    HintLabel* m_impressionsHint;
    QLineEdit* m_recommendationIdEdit;
    HintLabel* m_recommendationIdHint;
    QLineEdit* m_sourceEdit;
    HintLabel* m_sourceHint;
    QPlainTextEdit* m_preview;
    QLabel* m_warnings;
    QLabel* m_resultBanner;
    QPushButton* m_sendButton;
};

} // namespace footfall
